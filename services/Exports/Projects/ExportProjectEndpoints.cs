using System.Text.Json;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.Exports.Projects;

public static class ExportProjectEndpoints
{
    public static void MapExportProjects(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/exports/projects").WithTags("Export projects");
        projects.MapPost("", Identify).WithName(nameof(IdentifyLead))
            .Produces<ExportProject>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        projects.MapCommand<ExportProject, QualifyLead>("qualification", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, CommissionFeasibilityStudy>("feasibility-study", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, CompleteFeasibilityStudy>("feasibility-result", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, AddFinancingSource>("financing", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, SubmitProposal>("proposal", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, SelectPreferredBidder>("preferred-bidder", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, SignContract>("contract", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, ReachMilestone>("milestones", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, ReceivePayment>("payments", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, HandOverSystem>("handover", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, StartOperations>("operations-start", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, EndDefectsPeriod>("defects-period-end", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, RecordPostEvaluation>("post-evaluation", ExportProjectDecisions.Decide);
        projects.MapPost("/{id:guid}/follow-on", LinkFollowOn).WithName(nameof(LinkFollowOnProject))
            .Produces<ExportProject>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        projects.MapCommand<ExportProject, RecordLoss>("loss", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, CancelExport>("cancellation", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, SuspendExport>("suspension", ExportProjectDecisions.Decide);
        projects.MapCommand<ExportProject, ResumeExport>("resumption", ExportProjectDecisions.Decide);
        projects.MapGetState<ExportProject>();
        projects.MapGet("", List).WithName("ListExportProjects").ProducesValidationProblem().WithDescription(
            "Export projects, filtered by client country, solution (in any case), financing source, status, origin, exchange or " +
            "fromPolicySharing. Paged with page and pageSize. With wait (whole seconds up to 25, such as 10s), a read that " +
            "matches nothing waits for a commit that makes something match, such as the lead an exchange's outcome opens " +
            "(exchange=...&wait=10s), and answers an empty page when the time is up.");

        app.MapGet("/api/exports/pipeline", Pipeline).WithTags("Export projects").WithName("GetExportPipeline")
            .Produces<ExportPipeline>().ProducesValidationProblem();
    }

    private static async Task<IResult> Identify(IdentifyLead command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        if (StreamEndpoints.Invalid(command, http.Request) is { } invalid) return invalid;
        var id = command is { Origin: LeadOrigin.PolicySharing, ExchangeId: { } exchange }
            ? ExportProject.LeadIdFor(exchange)
            : IdempotentRequest.NewStreamId<ExportProject>(http);
        return await StreamEndpoints.StartAsync<ExportProject>(http, session, id, () => ExportProjectDecisions.Decide(command), command, ct);
    }

    /// <summary>Links a follow-on project, which must be an export project of this service.</summary>
    private static async Task<IResult> LinkFollowOn(
        Guid id, LinkFollowOnProject command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        if (StreamEndpoints.Invalid(command, http.Request) is { } invalid) return invalid;
        if (await session.LoadAsync<ExportProject>(command.FollowOnProjectId, ct) is null)
            return Results.Problem(ProblemDetailsExceptionHandler.Invalid([new("followOnProjectId", "Names no export project.")]));
        return await StreamEndpoints.HandleAsync<ExportProject>(
            http, session, id, state => ExportProjectDecisions.Decide(state, command), command, ct);
    }

    /// <summary>The longest a list read may wait for a match: under the gateway's 30 s for a service to answer.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(25);

    /// <summary>Export projects, filtered and paged, waiting for a match on request: its OpenAPI description says how.</summary>
    private static async Task<IResult> List(
        IQuerySession session, AppendWakeup commits, string? country, string? solution, string? financingSource, string? status,
        string? origin, Guid? exchange, bool? fromPolicySharing, int? page, int? pageSize, string? wait, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var waitFor = filter.Wait(wait, "wait", MaxWait);
        var countryCode = filter.Country(country, "country");
        var source = filter.Enum<FinancingSource>(financingSource, "financingSource");
        var projectStatus = filter.Enum<ExportStatus>(status, "status");
        var leadOrigin = filter.Enum<LeadOrigin>(origin, "origin");

        var query = session.Query<ExportProject>()
            .WhereField(p => p.ClientCountry, countryCode)
            .WhereAnyItem(p => p.Financing, line => line.Source, source)
            .WhereField(p => p.Status, projectStatus)
            .WhereField(p => p.Origin, leadOrigin)
            .WhereFieldPresent(p => p.ExchangeId, fromPolicySharing);
        if (solution is not null) query = query.Where(p => p.Solution.Equals(solution, StringComparison.OrdinalIgnoreCase));
        if (exchange is not null) query = query.Where(p => p.ExchangeId == exchange.Value);
        return await query.ToPageAsync(filter, page, pageSize, waitFor, commits, ct);
    }

    /// <summary>The pipeline by stage, each with its total value per currency, optionally for one client country.</summary>
    private static async Task<IResult> Pipeline(IQuerySession session, string? country, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var countryCode = filter.Country(country, "country");
        if (filter.Problem() is { } invalid) return invalid;
        return PooledJson.Of(await ExportPipeline.LoadAsync(session, countryCode, ct));
    }
}
