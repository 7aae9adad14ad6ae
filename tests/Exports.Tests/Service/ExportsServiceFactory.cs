using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Exports.Projects;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.Exports.Tests.Service;

/// <summary>The Exports service in-process, on its own database and virtual host of the real servers.</summary>
public sealed class ExportsServiceFactory : ServiceFactory<Program>
{
    public const string ProjectsPath = "/api/exports/projects";

    /// <summary>The leads opened for <paramref name="exchangeId"/>, counted in the store itself (any stream id).</summary>
    public async Task<int> CountLeadsForExchangeAsync(Guid exchangeId)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<ExportProject>().CountAsync(p => p.ExchangeId == exchangeId);
    }

    public async Task<(Uri Location, string ETag)> IdentifyAsync(HttpClient client, string city = "Bogota", string country = "CO")
    {
        var response = await client.PostAsJsonAsync(ProjectsPath,
            new { solution = "Fare collection", clientCity = city, clientCountry = country, origin = "multilateralBank", identifiedOn = "2010" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (response.Headers.Location!, response.Headers.ETag!.Tag);
    }

    /// <summary>Posts a command and asserts 200.</summary>
    public static async Task<JsonElement> OkAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<Uri> ContractedAsync(ExportsServiceFactory service, HttpClient client, string city = "Bogota", string country = "CO")
    {
        var (location, _) = await service.IdentifyAsync(client, city, country);
        await OkAsync(client, $"{location}/proposal", new { value = new { amount = 176_000_000, currency = "USD" }, submittedOn = "2011-03" });
        await OkAsync(client, $"{location}/contract", new
        {
            value = new { amount = 176_000_000, currency = "USD" },
            signedOn = "2011-07",
            consortium = new[] { new { firm = "LG CNS", role = "lead" } },
        });
        return location;
    }
}
