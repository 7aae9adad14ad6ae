using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// Every document the gateway publishes, as an integrator reads it (no token): what generators need is in it, and the
/// linters of deploy/lint-api.sh (Redocly recommended, Spectral spectral:oas, @asyncapi/cli) find no error in it.
/// </summary>
[Collection("platform")]
public sealed class ApiDocumentPlatformTests(PlatformFixture platform)
{
    private static readonly TimeSpan LintDeadline = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Every_operation_has_security_servers_summaries_problems_and_commands_their_versions()
    {
        var documents = await ApiDocuments.FetchAsync(platform);
        Assert.Equal(ServiceManifest.Services.Select(s => s.Route).Append("asyncapi").Order(), documents.Keys.Order());
        foreach (var (route, document) in documents.Where(d => d.Key != "asyncapi"))
        {
            Assert.Equal(platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority), (string?)document["servers"]![0]!["url"]);
            Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]);
            Assert.NotNull(document["security"]![0]!["bearer"]);

            foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var where = $"{route}: {method} {path}";
                Assert.False(string.IsNullOrWhiteSpace((string?)operation!["summary"]), $"{where} has no summary");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation["description"]), $"{where} has no description");
                var responses = operation["responses"]!.AsObject();
                foreach (var status in new[] { "401", "403", "429" })
                    Assert.True(responses.ContainsKey(status), $"{where} does not describe {status}");
                if (method != "post" || !path.Contains("{id}", StringComparison.Ordinal) || operation["requestBody"] is null) continue;

                Assert.Contains(operation["parameters"]!.AsArray(), p => (string?)p!["name"] == "If-Match" && (string?)p["in"] == "header");
                if (!responses.ContainsKey("202"))
                {
                    Assert.Contains(operation["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key" && (string?)p["in"] == "header");
                    Assert.True(responses.ContainsKey("422"), $"{where} does not describe 422");
                }
                foreach (var status in new[] { "400", "404", "409", "412", "413" })
                    Assert.True(responses.ContainsKey(status), $"{where} does not describe {status}");
                // A command on a stream answers its new version; one that only queues work (202 Accepted) has none.
                if (responses["200"] is { } ok) Assert.NotNull(ok["headers"]?["ETag"]);
                else Assert.True(responses.ContainsKey("202"), $"{where} describes neither 200 with its ETag nor 202");
            }

            var schemas = document["components"]!["schemas"]!.AsObject();
            foreach (var name in new[] { "PartialDate", "CountryCode", "CurrencyCode" }.Where(schemas.ContainsKey))
                Assert.True((string?)schemas[name]!["type"] == "string" && schemas[name]!["pattern"] is not null && schemas[name]!["example"] is not null,
                    $"{route}: {name} is {schemas[name]!.ToJsonString()}");
            if (schemas["Money"] is { } money)
                Assert.Equal(["amount", "currency"], money["properties"]!.AsObject().Select(p => p.Key).Order());
        }
    }

    [Fact]
    public async Task Every_document_passes_the_linters()
    {
        var documents = await ApiDocuments.FetchAsync(platform);
        var folder = Path.Combine(Path.GetTempPath(), $"diplomacy-api-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var (name, document) in documents)
                await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.json"), document.ToJsonString());

            var (exitCode, output) = await RunAsync(Path.Combine(platform.RepoRoot, "deploy", "lint-api.sh"), folder);

            Assert.True(exitCode == 0, $"deploy/lint-api.sh exited {exitCode}:{Environment.NewLine}{output}");
            foreach (var name in documents.Keys)
                Assert.Contains($"PASS {name}.json", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(LintDeadline);
        try { await process.WaitForExitAsync(deadline.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"deploy/lint-api.sh took longer than {LintDeadline}:{Environment.NewLine}{await stdout}{await stderr}");
        }
        return (process.ExitCode, $"{await stdout}{Environment.NewLine}{await stderr}");
    }
}
