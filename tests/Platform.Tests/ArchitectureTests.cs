using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Diplomacy.Contracts.Membership;
using MassTransit;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// The boundaries the solution's project graph must keep: services share only contracts and defaults, never each other
/// or the gateway; contracts depend on nothing and every message is versioned.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string RepoRoot = PlatformFixture.FindRepoRoot();
    private static readonly Assembly Contracts = typeof(PartnerTieSigned).Assembly;

    /// <summary>The only projects a service may reference.</summary>
    private static readonly string[] AllowedForServices =
    [
        Full("shared/Contracts/Contracts.csproj"),
        Full("shared/ServiceDefaults/ServiceDefaults.csproj"),
    ];

    /// <summary>Every <c>services/*/*.csproj</c>, relative to the repository.</summary>
    private static List<string> ServiceProjectPaths() =>
        [.. Directory.GetDirectories(Path.Combine(RepoRoot, "services"))
            .SelectMany(folder => Directory.GetFiles(folder, "*.csproj"))
            .Select(Relative)
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> ServiceProjects() => [.. ServiceProjectPaths()];

    [Fact]
    public void The_membership_service_is_among_the_projects_checked()
    {
        Assert.Contains("services/Membership/Membership.csproj", ServiceProjectPaths());
    }

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void A_service_references_only_the_shared_contracts_and_defaults(string project)
    {
        var references = ProjectReferences(project);

        var forbidden = references.Where(reference => !AllowedForServices.Contains(reference, StringComparer.Ordinal)).ToList();
        Assert.True(forbidden.Count == 0,
            $"{project} may only reference shared/Contracts and shared/ServiceDefaults, but references: " +
            string.Join(", ", forbidden.Select(Relative)));
        Assert.DoesNotContain(references, reference => IsUnder(reference, "services") || IsUnder(reference, "gateway"));
    }

    [Fact]
    public void The_gateway_references_no_service()
    {
        Assert.DoesNotContain(ProjectReferences("gateway/Gateway.csproj"), reference => IsUnder(reference, "services"));
    }

    [Fact]
    public void The_platform_tests_reference_no_service_nor_the_gateway()
    {
        // They run them as real processes: a reference would test a build output they never start.
        Assert.Equal(
            [Full("shared/Contracts/Contracts.csproj"), Full("tests/TestSupport/TestSupport.csproj")],
            ProjectReferences("tests/Platform.Tests/Platform.Tests.csproj").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_contracts_reference_no_project()
    {
        Assert.Empty(ProjectReferences("shared/Contracts/Contracts.csproj"));
    }

    /// <summary>
    /// The full names of the integration events: every public record of the Contracts assembly except those another
    /// contract only carries as a value (e.g. <c>PeacePartner</c> in <c>PeaceProgramApproved.Partners</c>).
    /// </summary>
    private static List<string> IntegrationEventNames()
    {
        var records = Contracts.GetExportedTypes().Where(IsRecord).ToHashSet();
        var parts = records
            .SelectMany(record => record.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .SelectMany(property => TypesIn(property.PropertyType))
            .Where(records.Contains)
            .ToHashSet();
        return [.. records.Except(parts).Select(type => type.FullName!).Order(StringComparer.Ordinal)];
    }

    public static TheoryData<string> IntegrationEvents() => [.. IntegrationEventNames()];

    [Fact]
    public void The_membership_events_are_among_the_contracts_checked()
    {
        Assert.Superset(
            new HashSet<string>([typeof(PartnerTieSigned).FullName!, typeof(PartnerTieTerminated).FullName!,
                typeof(MembershipActivated).FullName!, typeof(MembershipEnded).FullName!]),
            IntegrationEventNames().ToHashSet());
    }

    [Theory]
    [MemberData(nameof(IntegrationEvents))]
    public void Every_integration_event_has_a_versioned_message_urn(string record)
    {
        var type = Contracts.GetType(record, throwOnError: true)!;

        var urn = type.GetCustomAttribute<MessageUrnAttribute>();

        Assert.True(urn is not null,
            $"{record} has no [MessageUrn]: its wire name would follow its .NET namespace. " +
            "(A record that only travels inside another contract is exempt: reference it from one.)");
        Assert.Matches(VersionedUrn(), urn.Urn.ToString());
    }

    [Fact]
    public void No_two_contracts_share_a_message_urn()
    {
        var urns = Contracts.GetExportedTypes()
            .Select(type => (type, urn: type.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString()))
            .Where(pair => pair.urn is not null)
            .GroupBy(pair => pair.urn, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(pair => pair.type.FullName))}");
        Assert.Empty(urns);
    }

    /// <summary>"urn:message:diplomacy:membership:partner-tie-signed:v1": ends in <c>:v</c> and a number.</summary>
    [GeneratedRegex(@":v[0-9]+$")]
    private static partial Regex VersionedUrn();

    /// <summary>A record class (the compiler gives it a <c>&lt;Clone&gt;$</c> method) or a record struct (a PrintMembers).</summary>
    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    /// <summary>The type itself, and the types it is made of: array elements, generic arguments (lists, nullables).</summary>
    private static IEnumerable<Type> TypesIn(Type type)
    {
        yield return type;
        var inner = type.HasElementType ? [type.GetElementType()!] : type.GenericTypeArguments;
        foreach (var part in inner.SelectMany(TypesIn))
            yield return part;
    }

    /// <summary>The full paths of the projects <paramref name="project"/> (relative to the repository) references.</summary>
    private static List<string> ProjectReferences(string project)
    {
        var path = Full(project);
        Assert.True(File.Exists(path), $"{project} does not exist.");
        var folder = Path.GetDirectoryName(path)!;
        return XDocument.Load(path).Descendants()
            .Where(element => element.Name.LocalName == "ProjectReference")
            .Select(element => element.Attribute("Include")?.Value ?? "")
            .SelectMany(include => include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(include => Path.GetFullPath(Path.Combine(folder, include.Replace('\\', '/'))))
            .ToList();
    }

    private static string Full(string relative) => Path.GetFullPath(Path.Combine(RepoRoot, relative));

    private static string Relative(string full) => Path.GetRelativePath(RepoRoot, full).Replace('\\', '/');

    private static bool IsUnder(string full, string folder) =>
        full.StartsWith(Full(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

}
