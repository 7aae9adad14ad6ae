using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Contracts.Membership;
using Diplomacy.ServiceDefaults.Security;
using Diplomacy.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace Diplomacy.Integrations.Tests;

/// <summary>
/// The Integrations service in-process on its own database and virtual host, allowing http://127.0.0.1 and
/// http://localhost as webhook targets (as run.sh does) and a retry schedule of seconds instead of a day.
/// </summary>
public class IntegrationsServiceFactory : ServiceFactory<Program>
{
    public const string Department = "international-relations";
    public const string Webhooks = "/api/integrations/webhooks";
    public static readonly string TieSigned = ContractUrn<PartnerTieSigned>();
    public static readonly string TieTerminated = ContractUrn<PartnerTieTerminated>();

    protected virtual TimeSpan GiveUpAfter => TimeSpan.FromMinutes(5);
    protected virtual TimeSpan FirstRetryDelay => TimeSpan.FromMilliseconds(200);
    protected virtual TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(1);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:AllowedHosts", "http://127.0.0.1,http://localhost");
        builder.UseSetting("Webhooks:Timeout", "00:00:01");
        builder.UseSetting("Webhooks:FirstRetryDelay", FirstRetryDelay.ToString());
        builder.UseSetting("Webhooks:MaxRetryDelay", MaxRetryDelay.ToString());
        builder.UseSetting("Webhooks:GiveUpAfter", GiveUpAfter.ToString());
    }

    public static string ContractUrn<T>() => ContractCatalogUrn(typeof(T));

    private static string ContractCatalogUrn(Type type) => Feed.ContractCatalog.Default.UrnOf(type);

    /// <summary>A client with an editor's token of <paramref name="department"/>.</summary>
    public HttpClient EditorClient(string department = Department)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Mint(Roles.Editor, department));
        return client;
    }

    /// <summary>Registers a webhook and returns its id and secret (asserting 201).</summary>
    public static async Task<(Guid Id, string Secret)> RegisterAsync(HttpClient client, string url, params string[] eventTypes)
    {
        var response = await client.PostAsJsonAsync(Webhooks, new { url, eventTypes });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register: {(int)response.StatusCode} {text}");
        var body = JsonDocument.Parse(text).RootElement;
        return (body.GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The subscription's delivery log (first page of 200).</summary>
    public static async Task<JsonElement[]> DeliveriesAsync(HttpClient client, Guid id) =>
        [.. (await GetJsonAsync(client, $"{Webhooks}/{id}/deliveries?pageSize=200")).GetProperty("items").EnumerateArray()];
}
