using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Telemetry;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// The command pipeline every service uses: validate, load, decide, append with the expected version, save
/// (one transaction), and answer with the new state and its ETag. 400 for bad input, 404 for an unknown
/// stream, 409 when the state forbids the command, 412 when If-Match names a stale version.
/// </summary>
public static class StreamEndpoints
{
    /// <summary><c>POST /{collection}</c>: starts a stream; 201 with Location and ETag.</summary>
    public static RouteHandlerBuilder MapCreate<TState, TCommand>(this RouteGroupBuilder group, Func<TCommand, IReadOnlyList<IEventOf<TState>>> decide)
        where TState : class, IAggregate<TState> where TCommand : class =>
        group.MapPost("", async (TCommand command, HttpContext http, IDocumentSession session, CancellationToken ct) =>
                Invalid(command, http.Request) ?? await StartAsync<TState>(http, session, IdempotentRequest.NewStreamId<TState>(http), () => decide(command), command, ct))
            .WithName($"{typeof(TCommand).Name}")
            .Produces<TState>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary><c>POST /{collection}/{id}/{name}</c>: a command on an existing stream; 200 with the new state and ETag.</summary>
    public static RouteHandlerBuilder MapCommand<TState, TCommand>(this RouteGroupBuilder group, string name, Func<TState, TCommand, IReadOnlyList<IEventOf<TState>>> decide)
        where TState : class, IAggregate<TState> where TCommand : class =>
        group.MapPost($"/{{id:guid}}/{name}", async (Guid id, TCommand command, HttpContext http, IDocumentSession session, CancellationToken ct) =>
                Invalid(command, http.Request) ?? await HandleAsync<TState>(http, session, id, state => decide(state, command), command, ct))
            .WithName($"{typeof(TCommand).Name}")
            .Produces<TState>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>
    /// <c>GET /{collection}/{id}</c>: the current state with its ETag; with <c>?version=n</c> or <c>?asOf=instant</c>, the state
    /// as it was then, replayed from the events. Also maps the stream's audit routes (history, verify).
    /// </summary>
    public static RouteHandlerBuilder MapGetState<TState>(this RouteGroupBuilder group)
        where TState : class, IAggregate<TState>
    {
        group.MapStreamAudit<TState>();
        return group.MapGet("/{id:guid}", async (Guid id, long? version, DateTimeOffset? asOf, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var current = await session.LoadAsync<TState>(id, ct);
                if (current is null) return NotFound<TState>(id);
                if (version is null && asOf is null)
                {
                    http.Response.Headers.ETag = ExpectedVersion.ToETag(current.Version);
                    return new JsonAnswer<TState>(current);
                }
                if (version is < 1)
                    return Results.Problem(ProblemDetailsExceptionHandler.Invalid([new("version", "Must be 1 or more.")]));
                if (version > current.Version)
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such version of this {typeof(TState).Name}.",
                        detail: $"Its last version is {current.Version}.");

                var replayed = await session.ReplayAtAsync<TState>(id, version, asOf, ct);
                return replayed is null
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"The {typeof(TState).Name} did not exist yet.",
                        detail: $"Its first event is later than {asOf:O}.")
                    : new JsonAnswer<ReplayedState<TState>>(replayed);
            })
            .WithName($"Get{typeof(TState).Name}")
            .Produces<TState>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Starts a stream with the events <paramref name="decide"/> returns. A stream id already taken is 409, unless this
    /// caller took it with the same <c>Idempotency-Key</c>: then the first answer is given again (422 for another request).
    /// <paramref name="command"/> is the request's body, which names the command and is fingerprinted with the key.
    /// </summary>
    public static async Task<IResult> StartAsync<TState>(
        HttpContext http, IDocumentSession session, Guid id, Func<IReadOnlyList<IEventOf<TState>>> decide, object command, CancellationToken ct)
        where TState : class, IAggregate<TState>
    {
        if (!IdempotentRequest.TryRead(http, command, out var idempotent))
            return Results.Problem(ProblemDetailsExceptionHandler.Invalid([IdempotentRequest.Malformed]));

        IReadOnlyList<IEventOf<TState>> events;
        try { events = decide(); }
        catch (RuleViolation rule)
        {
            // The first copy may have been decided before the state it depends on changed: its answer still stands.
            if (idempotent is not null && await idempotent.FindAsync(session, id, ct) is { } earlier)
                return await AnswerAgainAsync<TState>(http, session, id, idempotent, earlier, StatusCodes.Status201Created, ct);
            return Rejected(rule.Message);
        }

        EventMetadata.Stamp(session, http, command.GetType().Name);
        idempotent?.Stamp(session);
        session.Events.StartStream<TState>(id, (IEnumerable<object>)events);
        try { await session.SaveChangesAsync(ct); }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            if (idempotent is not null && await idempotent.FindAsync(session, id, ct) is { } earlier)
                return await AnswerAgainAsync<TState>(http, session, id, idempotent, earlier, StatusCodes.Status201Created, ct);
            return Rejected($"A {typeof(TState).Name} with id {id} already exists.");
        }

        var state = Fold<TState>(null, id, 0, events);
        Accepted(events.Count);
        http.Response.Headers.ETag = ExpectedVersion.ToETag(state.Version);
        http.Response.Headers.Location = LocationOf(http, id);
        return new JsonAnswer<TState>(state, StatusCodes.Status201Created);
    }

    /// <summary>
    /// Loads the stream at the version If-Match names (or the current one), decides and appends. With an
    /// <c>Idempotency-Key</c> this caller already used on the stream, nothing is appended and the first answer is given
    /// again (422 for another request). The key is looked for after the stream is read, and again when the append meets
    /// a newer version or the decision breaks a rule: another copy may have won the race.
    /// </summary>
    public static async Task<IResult> HandleAsync<TState>(
        HttpContext http, IDocumentSession session, Guid id, Func<TState, IReadOnlyList<IEventOf<TState>>> decide, object command, CancellationToken ct)
        where TState : class, IAggregate<TState>
    {
        // Endpoints check them with the body (Invalid); checked again for one that takes no body.
        if (Invalid(HeaderErrors(http.Request)) is { } invalid) return invalid;
        ExpectedVersion.TryRead(http.Request, out var expected);
        IdempotentRequest.TryRead(http, command, out var idempotent);
        // No stream has the empty id (Marten refuses to look for one): like any id that names no stream, 404.
        if (id == Guid.Empty) return NotFound<TState>(id);

        // The first answer again when a copy under this key was recorded already; null when none was.
        async Task<IResult?> AnsweredBeforeAsync() =>
            idempotent is not null && await idempotent.FindAsync(session, id, ct) is { } earlier
                ? await AnswerAgainAsync<TState>(http, session, id, idempotent, earlier, StatusCodes.Status200OK, ct)
                : null;

        try
        {
            var stream = expected is null
                ? await session.Events.FetchForWriting<TState>(id, ct)
                : await session.Events.FetchForWriting<TState>(id, expected.Value, ct);
            if (stream.Aggregate is null) return NotFound<TState>(id);
            // After the read: a copy committed before it is found here, and one committed after it fails the version check.
            if (await AnsweredBeforeAsync() is { } again) return again;

            var events = decide(stream.Aggregate);
            EventMetadata.Stamp(session, http, command.GetType().Name);
            idempotent?.Stamp(session);
            stream.AppendMany((IEnumerable<object>)events);
            await session.SaveChangesAsync(ct);

            var state = Fold(stream.Aggregate, id, stream.Aggregate.Version, events);
            Accepted(events.Count);
            http.Response.Headers.ETag = ExpectedVersion.ToETag(state.Version);
            return new JsonAnswer<TState>(state);
        }
        catch (RuleViolation rule)
        {
            // A copy read the state after another copy's commit, which the state now refuses to repeat: answer as that one.
            return await AnsweredBeforeAsync() ?? Rejected(rule.Message);
        }
        catch (Exception conflict) when (ConcurrencyConflict.Is(conflict))
        {
            if (await AnsweredBeforeAsync() is { } again) return again;
            DiplomacyTelemetry.CommandsRejected.Add(1);
            if (await session.Events.FetchStreamStateAsync(id, ct) is null) return NotFound<TState>(id);
            return Results.Problem(ProblemDetailsExceptionHandler.Stale());
        }
    }

    /// <summary>
    /// The answer a request with this key got the first time: the state at the version it left, replayed from the events,
    /// with its ETag (and Location for a create). A different request under the same key gets 422 instead.
    /// </summary>
    private static async Task<IResult> AnswerAgainAsync<TState>(
        HttpContext http, IQuerySession session, Guid id, IdempotentRequest request, (long Version, string? Fingerprint) earlier, int status, CancellationToken ct)
        where TState : class, IAggregate<TState>
    {
        if (earlier.Fingerprint != request.Fingerprint)
        {
            DiplomacyTelemetry.CommandsRejected.Add(1);
            return IdempotentRequest.Reused();
        }
        var replayed = await session.ReplayAtAsync<TState>(id, earlier.Version, ct: ct)
            ?? throw new InvalidOperationException($"{typeof(TState).Name} {id} has an event at version {earlier.Version} but replays to nothing.");
        http.Response.Headers.ETag = ExpectedVersion.ToETag(replayed.Version);
        http.Response.Headers[IdempotentRequest.ReplayedHeader] = "true";
        DiplomacyTelemetry.CommandsReplayed.Add(1);
        if (status == StatusCodes.Status201Created) http.Response.Headers.Location = LocationOf(http, id);
        return new JsonAnswer<TState>(replayed.State, status);
    }

    private static string LocationOf(HttpContext http, Guid id) => $"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{id}";

    /// <summary>A 400 naming each invalid field of the body, or null when the command is valid.</summary>
    public static IResult? Invalid(object command) => Invalid(BodyErrors(command));

    /// <summary>
    /// A 400 naming each invalid field of a create or command: of its body, and its If-Match and Idempotency-Key headers
    /// when they are malformed. Null when all are valid.
    /// </summary>
    public static IResult? Invalid(object command, HttpRequest request) => Invalid([.. BodyErrors(command), .. HeaderErrors(request)]);

    /// <summary>The headers a create or command reads beside its body, when malformed.</summary>
    public static IEnumerable<FieldError> HeaderErrors(HttpRequest request)
    {
        if (!ExpectedVersion.TryRead(request, out _)) yield return ExpectedVersion.Malformed;
        if (!IdempotentRequest.IsWellFormed(request)) yield return IdempotentRequest.Malformed;
    }

    private static IEnumerable<FieldError> BodyErrors(object command) =>
        (command is IValidatable validatable ? validatable.Validate() : []).Concat(NulCharacters.ErrorsIn(command));

    private static IResult? Invalid(IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        return list.Count == 0 ? null : Results.Problem(ProblemDetailsExceptionHandler.Invalid(list));
    }

    public static IResult NotFound<TState>(Guid id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"No such {typeof(TState).Name}.",
        detail: $"There is no {typeof(TState).Name} with id {id}.");

    private static IResult Rejected(string reason)
    {
        DiplomacyTelemetry.CommandsRejected.Add(1);
        return Results.Problem(ProblemDetailsExceptionHandler.Rejected(reason));
    }

    private static void Accepted(int events)
    {
        DiplomacyTelemetry.CommandsHandled.Add(1);
        DiplomacyTelemetry.EventsAppended.Add(events);
    }

    private static TState Fold<TState>(TState? state, Guid id, long version, IReadOnlyList<IEventOf<TState>> events) where TState : class, IAggregate<TState>
    {
        foreach (var @event in events) state = TState.FoldStored(state, @event);
        var result = state ?? throw new InvalidOperationException($"The events of {typeof(TState).Name} {id} leave no state.");
        result.Id = id;
        result.Version = version + events.Count;
        return result;
    }
}
