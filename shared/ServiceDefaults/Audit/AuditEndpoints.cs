using System.Text.Json;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.ServiceDefaults.Audit;

/// <summary>
/// What auditors call: a stream's history and verification (on every collection), and for the whole
/// service a verification of every stream and an export of the log, both streamed as NDJSON.
/// </summary>
public static class AuditEndpoints
{
    private const string NdJson = "application/x-ndjson";
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary><c>GET {collection}/{id}/history</c> and <c>GET {collection}/{id}/verify</c> for streams of <typeparamref name="TState"/>.</summary>
    public static RouteGroupBuilder MapStreamAudit<TState>(this RouteGroupBuilder group) where TState : class, IAggregate<TState>
    {
        group.MapGet("/{id:guid}/history", async (Guid id, int? page, int? pageSize, AuditReader audit, Marten.IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<TState>(id, ct) is null
                    ? StreamEndpoints.NotFound<TState>(id)
                    : await HistoryAsync(id, await audit.CountAsync(id, ct), page, pageSize, audit, ct))
            .WithName($"{typeof(TState).Name}History").WithTags("Audit");
        group.MapGet("/{id:guid}/verify", async (Guid id, AuditReader audit, Marten.IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<TState>(id, ct) is null ? StreamEndpoints.NotFound<TState>(id) : PooledJson.Of(await audit.VerifyStreamAsync(id, ct)))
            .WithName($"Verify{typeof(TState).Name}").WithTags("Audit");
        return group;
    }

    /// <summary>The service-wide audit routes under <paramref name="prefix"/> ("/api/membership").</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app, string prefix)
    {
        var audit = app.MapGroup($"{prefix}/audit").WithTags("Audit");
        audit.MapGet("/streams/{id:guid}", async (Guid id, int? page, int? pageSize, AuditReader reader, CancellationToken ct) =>
            await reader.CountAsync(id, ct) is var total && total == 0
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such initiative.", detail: $"This service holds no stream {id}.")
                : await HistoryAsync(id, total, page, pageSize, reader, ct)).WithName("StreamHistory");
        audit.MapGet("/verify", VerifyAllAsync).WithName("VerifyAllStreams");
        audit.MapGet("/events", ExportAsync).WithName("ExportEvents");
        return app;
    }

    /// <param name="total">The stream's event count, which the caller has already read to tell an unknown stream.</param>
    private static async Task<IResult> HistoryAsync(Guid id, long total, int? page, int? pageSize, AuditReader audit, CancellationToken ct)
    {
        var errors = Paging.Validate(page, pageSize).ToList();
        if (errors.Count > 0) return Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors));
        var (number, size) = (page ?? 1, pageSize ?? 100);
        var events = await audit.HistoryAsync(id, (number - 1) * size, size, ct);
        return PooledJson.Of(new
        {
            streamId = id,
            items = events.Select(e => HistoryEntry.From(e.Event, e.Hash)),
            pageNumber = number,
            pageSize = size,
            totalItems = total,
        });
    }

    /// <summary>One NDJSON line per broken stream as it is found, then a summary line.</summary>
    private static async Task VerifyAllAsync(HttpContext http, AuditReader audit, CancellationToken ct)
    {
        http.Response.ContentType = NdJson;
        long streams = 0, broken = 0;
        await foreach (var id in audit.StreamIdsAsync(ct))
        {
            streams++;
            var result = await audit.VerifyStreamAsync(id, ct);
            if (result.Intact) continue;
            broken++;
            await WriteLineAsync(http, result, ct);
        }
        await WriteLineAsync(http, new { summary = true, streams, broken, intact = broken == 0 }, ct);
    }

    /// <summary>The log from <c>from</c> on, one event a line with its metadata and hash; resume with the last sequence + 1.</summary>
    private static async Task ExportAsync(HttpContext http, long? from, AuditReader audit, CancellationToken ct)
    {
        if (from is < 0)
        {
            await Results.Problem(ProblemDetailsExceptionHandler.Invalid([new("from", "Must be 0 or more.")])).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = NdJson;
        var lines = 0;
        await foreach (var (e, link) in audit.EventsFromAsync(from ?? 0, ct))
        {
            await JsonSerializer.SerializeAsync(http.Response.Body, ExportLine.From(e, link), JsonDefaults.Api, ct);
            await http.Response.Body.WriteAsync(NewLine, ct);
            // Flush now and then so a large export streams instead of filling the response buffer.
            if (++lines % 500 == 0) await http.Response.Body.FlushAsync(ct);
        }
    }

    private static async Task WriteLineAsync<T>(HttpContext http, T value, CancellationToken ct)
    {
        await JsonSerializer.SerializeAsync(http.Response.Body, value, JsonDefaults.Api, ct);
        await http.Response.Body.WriteAsync(NewLine, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
