using Diplomacy.ServiceDefaults.Domain;
using Marten;
using Marten.Linq.MatchesSql;

namespace Diplomacy.Exports.Projects;

/// <summary>One stage of the pipeline: how many projects, and their value summed per currency (never converted).</summary>
/// <param name="WithoutValue">Projects of the stage with no value known yet (a lead without an estimate).</param>
public sealed record PipelineStage(ExportStatus Stage, int Projects, IReadOnlyList<Money> Value, int WithoutValue);

/// <summary>
/// "Where is the export pipeline, stage by stage, and what is it worth?" Read from the inline snapshots, so it
/// reflects a write at once. The value of a project is its contract's,
/// else its proposal's, else its estimate.
/// </summary>
public sealed record ExportPipeline(IReadOnlyList<PipelineStage> Stages)
{
    public static async Task<ExportPipeline> LoadAsync(IQuerySession session, CountryCode? country, CancellationToken ct)
    {
        var query = session.Query<ExportProject>().AsQueryable();
        if (country is not null) query = query.Where(p => p.MatchesSql("data ->> 'clientCountry' = ?", country.Value.Value));
        // Whole snapshots, not a Select: Marten's Select would read the enums as integers, the store writes them as names.
        // A city has hundreds of export projects, not millions; an async projection can take over if that changes.
        var rows = (await query.ToListAsync(ct)).Select(p => new StageValue(p.Status, p.Value)).ToList();

        return new ExportPipeline(
        [
            .. rows.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => new PipelineStage(
                g.Key,
                g.Count(),
                ExportProject.Totals(g.Where(r => r.Value is not null).Select(r => r.Value!)).OrderBy(m => m.Currency.Value).ToList(),
                g.Count(r => r.Value is null))),
        ]);
    }

    private sealed record StageValue(ExportStatus Status, Money? Value);
}
