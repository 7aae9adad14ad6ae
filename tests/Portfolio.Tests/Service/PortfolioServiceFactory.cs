using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.TestSupport;

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
    /// Every view's checkpoint exists and has passed the last stored event. (A view the daemon has not started yet has no
    /// checkpoint row: looking only for rows behind would say "caught up" then. One view caught up says nothing of another.)
    /// </summary>
    public async Task<bool> ViewsCaughtUpAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(PostgresConnection);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            select count(*) = cardinality($1) from mt_event_progression
            where name = any($1) and last_seq_id >= (select coalesce(max(seq_id), 0) from mt_events)
            """, connection);
        command.Parameters.AddWithValue(Views.ViewDefinitions.Versions.Keys.Select(view => $"{view}:All").ToArray());
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);
}
