using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace Diplomacy.TestSupport;

/// <summary>
/// The real PostgreSQL and RabbitMQ that ./deploy/test.sh starts (same defaults as deploy/lib/env.sh).
/// Each test class gets its own database and its own RabbitMQ virtual host, so tests never see each
/// other's data or messages, nor those of a platform running beside them.
/// </summary>
public static class TestServers
{
    public static string Postgres => Environment.GetEnvironmentVariable("DIPLOMACY_POSTGRES")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres";

    public static Uri RabbitMq => new(Environment.GetEnvironmentVariable("DIPLOMACY_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:55672/");

    public static Uri RabbitMqManagement => new(Environment.GetEnvironmentVariable("DIPLOMACY_RABBITMQ_MANAGEMENT") ?? "http://127.0.0.1:55674");

    /// <summary>Creates an empty database and returns its connection string. Fails loudly when the server is not there.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"t_{new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray())}_{Guid.NewGuid():N}";
        try
        {
            await using var connection = new NpgsqlConnection($"{Postgres};Database=postgres");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"PostgreSQL is not reachable at '{Postgres}'. Start it with ./deploy/servers.sh start.", e);
        }
        return $"{Postgres};Database={name}";
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns, read on a connection of its own.</summary>
    public static async Task<List<T>> ColumnAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection($"{Postgres};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates a RabbitMQ virtual host for one test class and returns the amqp URI that uses it.</summary>
    public static async Task<Uri> CreateVirtualHostAsync(string prefix)
    {
        var name = $"t-{prefix.ToLowerInvariant()}-{Guid.NewGuid():N}";
        using var http = Management();
        try
        {
            (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
            (await http.PutAsJsonAsync($"api/permissions/{name}/guest", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"RabbitMQ's management API is not reachable at {RabbitMqManagement}. Start it with ./deploy/servers.sh start.", e);
        }
        return new UriBuilder(RabbitMq) { Path = "/" + name }.Uri;
    }

    public static async Task DeleteVirtualHostAsync(Uri amqp)
    {
        using var http = Management();
        await http.DeleteAsync($"api/vhosts/{amqp.AbsolutePath.Trim('/')}");
    }

    /// <summary>Every queue of the virtual host of <paramref name="amqp"/>, with the type RabbitMQ reports: "classic", "quorum".</summary>
    public static async Task<Dictionary<string, string>> QueueTypesAsync(Uri amqp)
    {
        using var http = Management();
        var vhost = Uri.EscapeDataString(amqp.AbsolutePath.Trim('/'));
        var queues = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/queues/{vhost}");
        return queues.EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("type").GetString()!);
    }

    /// <summary>The messages waiting or unacknowledged in every queue of the virtual host of <paramref name="amqp"/> (the management API's view, refreshed every few seconds).</summary>
    public static async Task<long> QueuedMessagesAsync(Uri amqp)
    {
        using var http = Management();
        var vhost = Uri.EscapeDataString(amqp.AbsolutePath.Trim('/'));
        var queues = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/queues/{vhost}");
        return queues.EnumerateArray().Sum(q => q.TryGetProperty("messages", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.Number ? m.GetInt64() : 0);
    }

    /// <summary>The broker's operating-system process, as its management API names it.</summary>
    public static async Task<int?> RabbitMqProcessIdAsync()
    {
        using var http = Management();
        var nodes = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("api/nodes");
        return nodes.EnumerateArray().Select(n => n.TryGetProperty("os_pid", out var pid) && int.TryParse(pid.GetString(), out var id) ? id : (int?)null)
            .FirstOrDefault(id => id is not null);
    }

    private static HttpClient Management()
    {
        var http = new HttpClient { BaseAddress = RabbitMqManagement, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return http;
    }
}
