using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Diplomacy.Gateway.Proxy;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Manifest;
using Yarp.ReverseProxy;

namespace Diplomacy.Gateway.Audit;

/// <summary>
/// One door for auditors: <c>GET /api/audit/initiatives/{id}</c> asks every service that keeps event streams
/// for that stream's history and answers with the one that has it, so an auditor need not know which.
/// </summary>
public static class AuditDoor
{
    /// <summary>The services that keep initiatives as event streams (manifest <c>keepsStreams</c>): cluster and audit path prefix.</summary>
    private static readonly (string Cluster, string Prefix)[] StreamServices =
        [.. ServiceManifest.Services.Where(s => s.KeepsStreams).Select(s => (s.Route, $"/api/{s.Route}"))];

    public static IHostApplicationBuilder AddAuditDoor(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(AuditDoor), client => client.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    public static IEndpointRouteBuilder MapAuditDoor(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/initiatives/{id:guid}", FindAsync).WithTags("Audit").WithName("InitiativeHistory");
        return app;
    }

    private static async Task<IResult> FindAsync(
        Guid id, int? page, int? pageSize, HttpContext context, IProxyStateLookup proxy, IHttpClientFactory clients, CancellationToken ct)
    {
        // Checked here, so the 400 names the wrong values as the services' own pages do.
        if (Paging.Validate(page, pageSize).ToList() is { Count: > 0 } errors)
            return Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors));
        var http = clients.CreateClient(nameof(AuditDoor));
        var query = $"?page={page ?? 1}&pageSize={pageSize ?? 100}";
        var answers = await Task.WhenAll(StreamServices.Select(async service =>
        {
            if (proxy.AddressOf(service.Cluster) is not { } address) return (service.Cluster, Status: HttpStatusCode.ServiceUnavailable, Body: (string?)null);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, $"{service.Prefix}/audit/streams/{id}{query}"));
                // Each service checks the caller again: it gets the caller's own token.
                if (context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                using var response = await http.SendAsync(request, ct);
                return (service.Cluster, Status: response.StatusCode,
                    Body: response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : null);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                return (service.Cluster, Status: HttpStatusCode.ServiceUnavailable, Body: null);
            }
        }));

        if (answers.FirstOrDefault(a => a.Body is not null) is { Body: { } body } found)
        {
            var history = JsonNode.Parse(body)!.AsObject();
            history["service"] = found.Cluster;
            return Results.Json(history, statusCode: StatusCodes.Status200OK);
        }
        var unreachable = answers.Where(a => a.Status != HttpStatusCode.NotFound).Select(a => a.Cluster).ToList();
        if (unreachable.Count > 0)
            ServerUnavailable.SetRetryAfter(context.Response);
        return unreachable.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such initiative.", detail: $"No service keeps a stream {id}.")
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The initiative could not be looked up everywhere.",
                detail: $"Not found where asked; these services could not answer: {string.Join(", ", unreachable)}.");
    }
}
