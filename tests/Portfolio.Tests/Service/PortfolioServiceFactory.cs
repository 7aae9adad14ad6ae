using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.TestSupport;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.Portfolio.Tests.Service;

/// <summary>The Portfolio service in-process, on its own database and virtual host of the real servers.</summary>
public class PortfolioServiceFactory : ServiceFactory<Program>
{
    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="ready"/> holds of its answer (the views are built asynchronously).</summary>
    public static async Task<JsonElement> WhenAsync(HttpClient client, string path, Func<JsonElement, bool> ready, string what)
    {
        JsonElement last = default;
        await Eventually.True(async () => ready(last = await GetJsonAsync(client, path)), TimeSpan.FromSeconds(60), what);
        return last;
    }

    public static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        if (field is not null) Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    /// <summary>
    /// Until every view (and every other shard of the daemon) exists and has passed the last event stored when called:
    /// Marten's own wait. One view settled says nothing of another.
    /// </summary>
    public Task ViewsCaughtUpAsync(TimeSpan timeout) => Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(timeout);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);
}
