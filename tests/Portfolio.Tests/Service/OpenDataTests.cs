using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Diplomacy.Portfolio.Tests.Service;

/// <summary>The open-data files of <see cref="Scenario"/>: CSV, GeoJSON, and IATI XML checked against the official 2.03 schema.</summary>
public sealed class OpenDataTests(ScenarioFixture service) : IClassFixture<ScenarioFixture>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task The_iati_file_validates_against_the_official_2_03_schema()
    {
        var response = await _client.GetAsync("/api/portfolio/exports/iati-activities.xml");
        Assert.StartsWith("application/xml", response.Content.Headers.ContentType?.ToString());
        var xml = await response.Content.ReadAsStringAsync();

        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        var folder = Path.Combine(AppContext.BaseDirectory, "iati");
        schemas.Add(null, Path.Combine(folder, "iati-activities-schema.xsd"));
        schemas.Compile();
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings)) while (reader.Read()) { }
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + xml);

        // The exchange (funded), the program (approved) and the export project (KOICA grant): each a development activity.
        var activities = XDocument.Parse(xml).Root!.Elements("iati-activity").ToList();
        Assert.Equal(3, activities.Count);
        var program = activities.Single(a => a.Element("iati-identifier")!.Value.Contains(service.Scenario.ProgramId.ToString()));
        Assert.Equal(["KRW:10000000", "USD:50000", "USD:20000"], program.Elements("transaction")
            .Select(t => $"{t.Element("value")!.Attribute("currency")!.Value}:{decimal.Parse(t.Element("value")!.Value):0.##}"));
        Assert.Equal("72010", program.Element("sector")!.Attribute("code")!.Value);
        Assert.Equal(["3", "11"], program.Elements("tag").Select(t => t.Attribute("code")!.Value));
        // Partial dates map to their first day.
        Assert.Equal("2017-09-01", program.Element("activity-date")!.Attribute("iso-date")!.Value);
    }

    [Fact]
    public async Task The_csv_has_one_row_an_initiative()
    {
        var response = await _client.GetAsync("/api/portfolio/exports/activities.csv");
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Service,Collection,Id,Title", lines[0]);
        // Tie, membership, exchange, project, and the program once per currency of its funds.
        Assert.Equal(1 + 6, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("exports,projects,") && l.Contains("co-bogota") && l.Contains(",USD,1000000"));
    }

    [Fact]
    public async Task The_geojson_has_the_partner_cities_with_known_coordinates()
    {
        var response = await _client.GetAsync("/api/portfolio/exports/partner-cities.geojson");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("FeatureCollection", json.GetProperty("type").GetString());
        var feature = Assert.Single(json.GetProperty("features").EnumerateArray());
        Assert.Equal("co-bogota", feature.GetProperty("properties").GetProperty("key").GetString());
        var position = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();
        Assert.Equal([-74.072, 4.711], position);
    }
}
