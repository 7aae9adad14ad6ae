using Diplomacy.Contracts.Membership;
using Diplomacy.TestSupport;
using MassTransit;

namespace Diplomacy.Integrations.Tests;

/// <summary>A stand-in for the other services' outbox relays: publishes contract messages with the headers a relay sets.</summary>
public sealed class Publisher(IBusControl bus) : IAsyncDisposable
{
    public static async Task<Publisher> StartAsync(Uri amqp) => new(await TestBus.StartAsync(amqp));

    public async Task<Guid> PublishAsync<T>(T message, Guid streamId, long version, Guid? messageId = null, CancellationToken ct = default) where T : class
    {
        var id = messageId ?? Guid.NewGuid();
        await bus.Publish(message, context =>
        {
            context.MessageId = id;
            context.Headers.Set("diplomacy-stream-id", streamId.ToString());
            context.Headers.Set("diplomacy-stream-version", version);
        }, ct);
        return id;
    }

    /// <summary>The <paramref name="version"/>-th event of tie <paramref name="tie"/>: a signing (the event's id is returned).</summary>
    public Task<Guid> TieSignedAsync(Guid tie, long version, Guid? messageId = null, CancellationToken ct = default) =>
        PublishAsync(new PartnerTieSigned(tie, $"City {version}", "VN", "sister", "1996-05", DateTimeOffset.UtcNow), tie, version, messageId, ct);

    public Task<Guid> TieTerminatedAsync(Guid tie, long version) =>
        PublishAsync(new PartnerTieTerminated(tie, "Hanoi", "VN", "sister", "2020", DateTimeOffset.UtcNow), tie, version);

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
