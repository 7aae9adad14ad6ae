using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.TestSupport;

namespace Diplomacy.Telemetry.Tests;

/// <summary>
/// One command, one trace: from the caller's span through the gateway, Membership, PostgreSQL, the outbox relay and
/// RabbitMQ into Exchanges' consumer.
/// </summary>
public sealed class OneTraceTests(TracedServices services) : IClassFixture<TracedServices>
{
    [Fact]
    public async Task A_commands_trace_reaches_the_consuming_service()
    {
        var trace = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        var client = services.Gateway.CreateClient();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{trace}-{caller}-01");

        var network = await client.PostAsJsonAsync("/api/membership/networks", new
        {
            acronym = "UCLG", name = "United Cities and Local Governments", founded = 2004,
            headquartersCity = "Barcelona", headquartersCountry = "ES", themes = new[] { "local government" },
        });
        Assert.Equal(HttpStatusCode.Created, network.StatusCode);
        var networkId = (await network.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var applied = await client.PostAsJsonAsync("/api/membership/memberships", new { networkId, appliedOn = "2004" });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{applied.Headers.Location}/acceptance", new { acceptedOn = "2004" })).StatusCode);

        Activity? Find(Func<Activity, bool> what) => services.Spans.Snapshot().FirstOrDefault(s => s.TraceId == trace && what(s));
        string Spans() => string.Join(Environment.NewLine, services.Spans.Snapshot()
            .Where(s => s.TraceId == trace).DistinctBy(s => s.SpanId)
            .Select(s => $"{s.Source.Name} {s.Kind} '{s.DisplayName}' {s.SpanId} <- {s.ParentSpanId}"));

        // The acceptance's server span in Membership and every span above it, up to the gateway's (the caller's child).
        bool GatewayToMembershipEnded()
        {
            var span = Find(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("acceptance", StringComparison.Ordinal));
            for (var depth = 0; span is not null && depth < 4; depth++)
            {
                if (span.ParentSpanId == caller) return true;
                var parentId = span.ParentSpanId;
                span = Find(s => s.SpanId == parentId);
            }
            return false;
        }

        try
        {
            // Exchanges handled MembershipActivated: its consumer's ("process") span is the last link of the chain.
            var consume = await Eventually.Get(() => Task.FromResult(Find(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
                && s.DisplayName.EndsWith(" process", StringComparison.Ordinal)
                && s.Tags.Any(t => t.Value?.Contains("MembershipActivated", StringComparison.Ordinal) == true))),
                TimeSpan.FromSeconds(30), "the Exchanges consumer's span in the command's trace");
            // A span is exported when it ends, and a parent ends after its children: the receive span (the consumer's parent),
            // the relay's span (which outlives the send) and the gateway's may still be open when the consumer's span arrives.
            await Eventually.True(() => Task.FromResult(
                    Find(s => s.SpanId == consume.ParentSpanId) is not null
                    && GatewayToMembershipEnded()
                    && Find(s => s.Source.Name == "Diplomacy" && s.DisplayName == "relay MembershipActivated") is not null),
                TimeSpan.FromSeconds(30), "the gateway, receive and relay spans to end");

            // Membership: the request's server span, its PostgreSQL commands; the request came from the gateway's proxy.
            var server = Find(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("acceptance", StringComparison.Ordinal));
            Assert.NotNull(server);
            var proxied = Find(s => s.SpanId == server.ParentSpanId);
            Assert.True(proxied is { Source.Name: "System.Net.Http", Kind: ActivityKind.Client }, "Membership's request was sent by the gateway");
            var forwarder = Find(s => s.SpanId == proxied.ParentSpanId);
            Assert.True(forwarder is { Source.Name: "Yarp.ReverseProxy" }, "the gateway's YARP forwarder sent it");
            var gateway = Find(s => s.SpanId == forwarder.ParentSpanId);
            Assert.True(gateway is { Kind: ActivityKind.Server }, "YARP forwarded the gateway's request");
            Assert.Equal(caller, gateway.ParentSpanId);
            Assert.NotNull(Find(s => s.Source.Name == "Npgsql" && s.ParentSpanId == server.SpanId));
            // The relay continues the span of the request that appended the event (stored with it), not the daemon's.
            var relay = Find(s => s.Source.Name == "Diplomacy" && s.Kind == ActivityKind.Producer && s.DisplayName == "relay MembershipActivated");
            Assert.NotNull(relay);
            Assert.Equal(server.SpanId, relay.ParentSpanId);
            // RabbitMQ: MassTransit's send span under the relay's; the traceparent it wrote makes Exchanges' receive its child.
            var send = Find(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer && s.ParentSpanId == relay.SpanId);
            Assert.NotNull(send);
            var receive = Find(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && s.ParentSpanId == send.SpanId);
            Assert.NotNull(receive);
            Assert.Equal(receive.SpanId, consume.ParentSpanId);
            // Exchanges: the consumer's PostgreSQL commands.
            Assert.NotNull(Find(s => s.Source.Name == "Npgsql" && s.ParentSpanId == consume.SpanId));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}{Environment.NewLine}Spans of trace {trace}:{Environment.NewLine}{Spans()}");
        }
    }
}
