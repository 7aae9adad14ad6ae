using Diplomacy.ServiceDefaults.Manifest;
using Npgsql;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// Production changes no schema as it starts; the explicit <c>--apply-schema</c> run (the Kubernetes init container)
/// applies Marten's tables and the hash chain, then exits. Every service of the manifest, as a real process.
/// </summary>
public class SchemaStepPlatformTests
{
    private static readonly string RepoRoot = PlatformFixture.FindRepoRoot();
    private static readonly string Configuration = PlatformFixture.DetectConfiguration();

    public static TheoryData<string> Services => new(ServiceManifest.Services.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Services))]
    public async Task In_production_the_service_starts_without_touching_the_schema_and_apply_schema_installs_it(string name)
    {
        var service = ServiceManifest.Services.Single(s => s.Name == name);
        var dll = Path.Combine(RepoRoot, Path.GetDirectoryName(service.Project)!, "bin", Configuration, "net10.0",
            $"{Path.GetFileNameWithoutExtension(service.Project)}.dll");
        var database = await TestServers.CreateDatabaseAsync($"schema{name}");
        var rabbitMq = await TestServers.CreateVirtualHostAsync($"schema{name}");
        try
        {
            var url = new Uri($"http://127.0.0.1:{FreePorts.Take(1)[0]}");
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = url.GetLeftPart(UriPartial.Authority),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Postgres"] = database,
                ["ConnectionStrings__RabbitMq"] = rabbitMq.ToString(),
                ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
                // Production trusts an identity provider only; none is asked until a request carries a token.
                ["Auth__Authority"] = "https://login.example.invalid/",
                // Integrations refuses to run in Production without the key of its webhook secrets.
                ["Webhooks__SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            };

            using (var running = PlatformProcess.Start(name, dll, url, environment))
            {
                await PlatformFixture.WaitReadyAsync(running, CancellationToken.None, "/health/live");
                Assert.Empty(await TablesAsync(database));
                await running.StopAsync(TimeSpan.FromSeconds(15));
            }

            using var apply = PlatformProcess.Start($"{name} --apply-schema", dll, url, environment, "--apply-schema");
            await apply.DrainAsync(TimeSpan.FromSeconds(120));
            Assert.True(apply.HasExited, $"--apply-schema did not exit{Environment.NewLine}{apply.Describe()}");
            Assert.True(apply.ExitCode == 0, $"--apply-schema exited {apply.ExitCode}{Environment.NewLine}{apply.Describe()}");
            var tables = await TablesAsync(database);
            Assert.Contains("mt_events", tables);
            Assert.Contains("mt_streams", tables);
            Assert.Contains("diplomacy_audit_chain", tables);
            Assert.True(await HasChainTriggerAsync(database), "the hash chain's trigger is not on mt_events");
        }
        finally
        {
            await TestServers.DropDatabaseAsync(database);
            await TestServers.DeleteVirtualHostAsync(rabbitMq);
        }
    }

    private static Task<List<string>> TablesAsync(string database) => TestServers.ColumnAsync<string>(database,
        "select table_name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')");

    private static async Task<bool> HasChainTriggerAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from information_schema.triggers where trigger_name = 'diplomacy_chain_event' and event_object_table = 'mt_events'",
            connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
