using System.Reflection;
using Diplomacy.Contracts.Membership;
using MassTransit;

namespace Diplomacy.Integrations.Feed;

/// <summary>
/// Every integration event of <c>shared/Contracts</c>, found by its <c>[MessageUrn]</c>: a contract added there
/// is consumed, logged, offered in the feed and to webhooks without a change here.
/// </summary>
public sealed class ContractCatalog
{
    public static readonly ContractCatalog Default = new(typeof(MembershipActivated).Assembly);

    private readonly Dictionary<Type, string> _urns;

    public ContractCatalog(Assembly contracts)
    {
        _urns = contracts.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            .Select(t => (Type: t, Urn: t.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString()))
            .Where(x => x.Urn is not null)
            .ToDictionary(x => x.Type, x => x.Urn!);
        Types = new HashSet<string>(_urns.Values, StringComparer.Ordinal);
    }

    /// <summary>The message types, each as its URN (<c>urn:message:diplomacy:membership:partner-tie-signed:v1</c>).</summary>
    public IReadOnlySet<string> Types { get; }

    public IEnumerable<Type> ContractTypes => _urns.Keys;

    public string UrnOf(Type contract) => _urns[contract];

    /// <summary>The publishing service named by the URN: the CloudEvent's source.</summary>
    public static string SourceOf(string urn) =>
        urn.Split(':') is [_, _, "diplomacy", var service, ..] ? $"urn:diplomacy:{service}" : "urn:diplomacy";
}
