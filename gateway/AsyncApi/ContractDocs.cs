using System.Xml.Linq;

namespace Diplomacy.Gateway.AsyncApi;

/// <summary>
/// The XML documentation the contracts are written with (<c>/// &lt;summary&gt;</c> and <c>&lt;param&gt;</c>), read from the
/// <c>Contracts.xml</c> the build puts beside the assembly; without it, the document only lacks descriptions.
/// </summary>
public sealed class ContractDocs
{
    private readonly Dictionary<string, XElement> _members;

    private ContractDocs(Dictionary<string, XElement> members) => _members = members;

    public static ContractDocs Load()
    {
        var file = Path.ChangeExtension(ContractCatalog.Assembly.Location, ".xml");
        if (!File.Exists(file)) return new ContractDocs([]);
        var members = XDocument.Load(file).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value, StringComparer.Ordinal);
        return new ContractDocs(members);
    }

    public string? Summary(Type type) => Text(Member(type)?.Element("summary"));

    public string? Parameter(Type type, string name) =>
        Text(Member(type)?.Elements("param").FirstOrDefault(p => string.Equals(p.Attribute("name")?.Value, name, StringComparison.OrdinalIgnoreCase)));

    private XElement? Member(Type type) => _members.GetValueOrDefault($"T:{type.FullName}");

    private static string? Text(XElement? element) => element is null
        ? null
        : string.Join(" ", string.Concat(element.Nodes().Select(n => n is XElement e ? e.Attribute("cref")?.Value.Split('.')[^1] ?? e.Value : n.ToString()))
            .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
