using System.Security.Claims;
using System.Text.Json;
using Diplomacy.Integrations.Feed;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Diplomacy.Integrations.Webhooks;

/// <summary>
/// <c>/api/integrations/webhooks</c>: a department registers, reads, rotates, deactivates and reactivates its own
/// subscriptions (admins and auditors see every one). The signing secret is in the answer that made it and nowhere else.
/// </summary>
public static class WebhookEndpoints
{
    public const string Path = "/api/integrations/webhooks";

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup(Path).WithTags("Webhooks").AddEndpointFilter(OwnerOnly);
        webhooks.MapPost("", Register).WithName(nameof(RegisterWebhook))
            .Produces<WebhookSubscription>(StatusCodes.Status201Created).ProducesValidationProblem();
        webhooks.MapPost("/{id:guid}/secret-rotation", Rotate).WithName(nameof(RotateSecret))
            .Produces<WebhookSubscription>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        webhooks.MapCommand<WebhookSubscription, DeactivateWebhook>("deactivation",
            (state, command) => WebhookDecisions.Decide(state, command, DateTimeOffset.UtcNow));
        webhooks.MapPost("/{id:guid}/reactivation", Reactivate).WithName(nameof(ReactivateWebhook))
            .Produces<WebhookSubscription>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        webhooks.MapGetState<WebhookSubscription>();
        webhooks.MapGet("", List).WithName("ListWebhooks");
        return webhooks;
    }

    /// <summary>Admins and auditors see every subscription; anyone else only those of their department.</summary>
    public static bool MayAccess(ClaimsPrincipal user, WebhookSubscription subscription) =>
        user.HasClaim(PlatformClaims.Role, Roles.Admin) || user.HasClaim(PlatformClaims.Role, Roles.Auditor)
        || string.Equals(user.FindFirst(PlatformClaims.Department)?.Value, subscription.Department, StringComparison.OrdinalIgnoreCase);

    private static string DepartmentOf(ClaimsPrincipal user) => user.FindFirst(PlatformClaims.Department)?.Value ?? "none";

    private static async ValueTask<object?> OwnerOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues["id"] is string text && Guid.TryParse(text, out var id))
        {
            var session = http.RequestServices.GetRequiredService<IQuerySession>();
            if (await session.LoadAsync<WebhookSubscription>(id, http.RequestAborted) is { } subscription && !MayAccess(http.User, subscription))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not do this.",
                    detail: "This webhook belongs to another department.");
        }
        return await next(context);
    }

    private static async Task<IResult> Register(
        RegisterWebhook command, HttpContext http, IDocumentSession session, TargetPolicy targets, SecretVault vault, CancellationToken ct)
    {
        List<FieldError> errors =
        [
            .. command.Validate(ContractCatalog.Default), .. await targets.CheckAsync(command.Url, "url", ct),
            .. NulCharacters.ErrorsIn(command), .. StreamEndpoints.HeaderErrors(http.Request),
        ];
        if (errors.Count > 0) return Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors));

        var id = IdempotentRequest.NewStreamId<WebhookSubscription>(http);
        var secret = SecretVault.NewSecret();
        var sealedSecret = vault.Seal(id, secret);
        session.Store(sealedSecret);
        var department = DepartmentOf(http.User);
        var result = await StreamEndpoints.StartAsync<WebhookSubscription>(http, session, id,
            () => WebhookDecisions.Decide(command, department, sealedSecret.Id, DateTimeOffset.UtcNow), command, ct);
        return await WithSecretAsync(http, result, secret, session, vault, ct);
    }

    private static async Task<IResult> Rotate(
        Guid id, RotateSecret? command, HttpContext http, IDocumentSession session, SecretVault vault, IOptions<WebhookOptions> options, CancellationToken ct)
    {
        command ??= new RotateSecret();
        if (StreamEndpoints.Invalid(command, http.Request) is { } invalid) return invalid;
        var overlap = command.OverlapMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : options.Value.RotationOverlap;
        var secret = SecretVault.NewSecret();
        var sealedSecret = vault.Seal(id, secret);
        session.Store(sealedSecret);
        var result = await StreamEndpoints.HandleAsync<WebhookSubscription>(http, session, id,
            state => WebhookDecisions.Decide(state, sealedSecret.Id, overlap, DateTimeOffset.UtcNow), command, ct);
        return await WithSecretAsync(http, result, secret, session, vault, ct);
    }

    /// <summary>Reactivates, and starts the retry window of its pending deliveries afresh.</summary>
    private static async Task<IResult> Reactivate(Guid id, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var pending in await session.Query<Deliveries.Delivery>()
                     .Where(d => d.SubscriptionId == id && d.Status == Deliveries.Delivery.Pending).ToListAsync(ct))
        {
            pending.Redeliver(now);
            session.Store(pending);
        }
        session.QueueSqlCommand(LogSignal.NotifySql);
        var reactivate = new ReactivateWebhook();
        return await StreamEndpoints.HandleAsync<WebhookSubscription>(http, session, id,
            state => WebhookDecisions.Decide(state, reactivate, now), reactivate, ct);
    }

    private static async Task<IResult> List(HttpContext http, IQuerySession session, int? page, int? pageSize, CancellationToken ct)
    {
        var query = session.Query<WebhookSubscription>().AsQueryable();
        var user = http.User;
        if (!user.HasClaim(PlatformClaims.Role, Roles.Admin) && !user.HasClaim(PlatformClaims.Role, Roles.Auditor))
        {
            var department = DepartmentOf(user);
            query = query.Where(s => s.Department == department);
        }
        return await query.ToPageAsync(page, pageSize, ct);
    }

    /// <summary>
    /// The subscription the command answered with, and beside it the secret, which is shown this once: or again, to the
    /// same caller sending the same request with the same Idempotency-Key, who may never have received the first answer.
    /// </summary>
    private static async Task<IResult> WithSecretAsync(
        HttpContext http, IResult result, string secret, IQuerySession session, SecretVault vault, CancellationToken ct)
    {
        if (result is not JsonAnswer<WebhookSubscription> answer) return result;
        if (http.Response.Headers.ContainsKey(IdempotentRequest.ReplayedHeader))
        {
            // The answer is the state that request left, whose one secret without a retirement is the one it issued.
            var issued = answer.Value.Secrets.Single(s => s.RetiresAt is null);
            var stored = await session.LoadAsync<WebhookSecret>(issued.Id, ct)
                ?? throw new InvalidOperationException($"The secret {issued.Id} of webhook {answer.Value.Id} is not stored.");
            secret = vault.Open(stored);
        }
        var body = JsonSerializer.SerializeToNode(answer.Value, JsonDefaults.Api)!.AsObject();
        body["secret"] = secret;
        return PooledJson.Of(body, answer.StatusCode);
    }
}
