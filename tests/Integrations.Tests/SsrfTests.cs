using System.Net;
using System.Net.Http.Json;
using Diplomacy.Integrations.Webhooks;
using Diplomacy.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.Integrations.Tests;

/// <summary>Webhook targets that would reach inside the network are refused at registration, and nothing is sent to them.</summary>
public sealed class SsrfTests(IntegrationsServiceFactory service) : IClassFixture<IntegrationsServiceFactory>
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://172.16.4.4/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:8.8.8.8]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("http://example.org/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/hook")]
    [InlineData("gopher://127.0.0.1:6379/_")]
    [InlineData("https://user:pass@example.org/hook")]
    [InlineData("/relative/hook")]
    [InlineData("http://127.0.0.2/hook")]
    public async Task A_target_inside_the_network_or_not_https_is_400_and_registers_nothing(string url)
    {
        var editor = service.EditorClient();
        var response = await editor.PostAsJsonAsync(IntegrationsServiceFactory.Webhooks,
            new { url, eventTypes = new[] { IntegrationsServiceFactory.TieSigned } });
        await HttpAssert.NamesField(response, "url");
        var mine = await IntegrationsServiceFactory.GetJsonAsync(service.CreateClient(), $"{IntegrationsServiceFactory.Webhooks}?pageSize=200");
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), s => s.GetProperty("url").GetString() == url);
    }

    [Fact]
    public async Task A_target_that_resolves_inside_the_network_at_delivery_time_is_refused_and_sent_nothing()
    {
        service.CreateClient().Dispose();
        await service.WaitForBusAsync();
        await using var publisher = await Publisher.StartAsync(service.RabbitMq);
        var editor = service.EditorClient();
        // A subscription whose host was public when registered and now resolves to loopback (DNS rebinding), as if
        // registered then: it goes into the store directly, since registration would refuse it today.
        await using var inside = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var rebound = await StoreSubscriptionAsync($"https://127.0.0.1:{inside.Port}/hook");
        await using var allowed = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var (_, secret) = await IntegrationsServiceFactory.RegisterAsync(editor, allowed.Url, IntegrationsServiceFactory.TieSigned);
        allowed.Secrets[0] = secret;

        var id = await publisher.TieSignedAsync(Guid.NewGuid(), 1);
        await Eventually.True(() => Task.FromResult(allowed.Unique.Values.Any(r => r.EventId == id.ToString())), what: "the allowed target's delivery");
        var refused = await Eventually.Get(async () => (await IntegrationsServiceFactory.DeliveriesAsync(service.CreateClient(), rebound))
            .FirstOrDefault(d => d.GetProperty("attempts").GetInt32() >= 2) is { ValueKind: System.Text.Json.JsonValueKind.Object } d ? (object)d : null,
            what: "refused attempts");
        var error = ((System.Text.Json.JsonElement)refused).GetProperty("lastError").GetString()!;
        Assert.Contains("not a public address", error);
        Assert.Empty(inside.All);
    }

    private async Task<Guid> StoreSubscriptionAsync(string url)
    {
        var store = service.Services.GetRequiredService<Marten.IDocumentStore>();
        var vault = service.Services.GetRequiredService<SecretVault>();
        var id = Guid.CreateVersion7();
        var secret = vault.Seal(id, SecretVault.NewSecret());
        await using var session = store.LightweightSession();
        session.Store(secret);
        session.Events.StartStream<WebhookSubscription>(id,
            new WebhookRegistered(IntegrationsServiceFactory.Department, url, [IntegrationsServiceFactory.TieSigned], secret.Id, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
        return id;
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:8.8.8.8", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("2002:a00:1::", false)]
    public void Only_public_unicast_addresses_are_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, TargetPolicy.IsPublic(IPAddress.Parse(address)));
}
