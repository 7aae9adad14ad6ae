using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.PeaceBuilding.Programs;

public static class PeaceProgramEndpoints
{
    public static void MapPeacePrograms(this IEndpointRouteBuilder app)
    {
        var programs = app.MapGroup("/api/peace/programs").WithTags("Programs");
        programs.MapCreate<PeaceProgram, RegisterProgramConcept>(PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, RecordConsultation>("consultation", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, DecideContactApproval>("contact-approval", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, AssessRisk>("risk-assessment", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, ApproveProgram>("approval", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, AllocateFunds>("allocation", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, SignPartnerAgreement>("agreement", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, RecordDelivery>("delivery", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, SuspendProgram>("suspension", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, ResumeProgram>("resumption", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, SubmitBid>("bid", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, RecordBidOutcome>("bid-outcome", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, CompleteProgram>("completion", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, CancelProgram>("cancellation", PeaceProgramDecisions.Decide);
        programs.MapCommand<PeaceProgram, EvaluateProgram>("evaluation", PeaceProgramDecisions.Decide);
        programs.MapGetState<PeaceProgram>();
        programs.MapGet("/{id:guid}/funds", Funds).WithName("GetProgramFunds")
            .Produces<ProgramFunds>().ProducesProblem(StatusCodes.Status404NotFound);
        programs.MapGet("/suspended", Suspended).WithName("ListSuspendedPrograms").Produces<SuspendedPrograms>();
        programs.MapGet("", List).WithName("ListPrograms");
    }

    /// <summary>Programs, filtered by area, partner country and status.</summary>
    private static async Task<IResult> List(
        IQuerySession session, string? area, string? country, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var programArea = filter.Enum<ProgramArea>(area, "area");
        var partnerCountry = filter.Country(country, "country");
        var programStatus = filter.Enum<ProgramStatus>(status, "status");

        return await session.Query<PeaceProgram>()
            .WhereField(p => p.Area, programArea)
            .WhereAnyItem(p => p.Partners, partner => partner.Country, partnerCountry)
            .WhereField(p => p.Status, programStatus)
            .ToPageAsync(filter, page, pageSize, ct);
    }

    /// <summary>Allocated against spent, per fund and currency.</summary>
    private static async Task<IResult> Funds(Guid id, IQuerySession session, CancellationToken ct)
    {
        var program = await session.LoadAsync<PeaceProgram>(id, ct);
        if (program is null) return StreamEndpoints.NotFound<PeaceProgram>(id);
        return PooledJson.Of(new ProgramFunds(program.Id, program.Version,
            [.. program.Funds.Select(f => new FundLine(f.Fund, f.Currency.Value, f.Allocated, f.Spent, f.Allocated - f.Spent))]));
    }

    /// <summary>
    /// Every suspended program and how long it has been suspended as of today (UTC). A suspension dated to the month
    /// or the year is counted from the first day it can mean (<c>days</c>) and from the last (<c>atLeastDays</c>).
    /// </summary>
    private static async Task<IResult> Suspended(IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var suspended = await session.Query<PeaceProgram>()
            .WhereField(p => p.Status, ProgramStatus.Suspended)
            .ToListAsync(ct);
        var items = suspended
            .Select(p => (Program: p, Suspension: p.CurrentSuspension!))
            .Select(s => (s.Program, s.Suspension, Length: SuspensionLength.Of(s.Suspension.SuspendedOn, today)))
            .Select(s => new SuspendedProgram(
                s.Program.Id,
                s.Program.Title,
                JsonFilter.Text(s.Program.Area),
                [.. s.Program.Partners.Select(p => new PartnerLine(p.Name, p.Country.Value))],
                JsonFilter.Text(s.Suspension.Reason),
                s.Suspension.SuspendedOn.ToString(),
                s.Length.Days,
                s.Length.AtLeastDays))
            .OrderByDescending(s => s.Days)
            .ThenBy(s => s.Id)
            .ToList();
        return PooledJson.Of(new SuspendedPrograms(today, items));
    }
}

public sealed record FundLine(string Fund, string Currency, decimal Allocated, decimal Spent, decimal Remaining);

public sealed record ProgramFunds(Guid Id, long Version, IReadOnlyList<FundLine> Funds);

public sealed record PartnerLine(string Name, string Country);

public sealed record SuspendedProgram(
    Guid Id, string Title, string Area, IReadOnlyList<PartnerLine> Partners, string Reason, string SuspendedOn, int Days, int AtLeastDays);

public sealed record SuspendedPrograms(DateOnly AsOf, IReadOnlyList<SuspendedProgram> Items);
