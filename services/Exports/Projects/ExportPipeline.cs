using Diplomacy.ServiceDefaults.Domain;
using Marten;

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
        // The database groups and sums: one row per stage and currency, however many projects there are. Each row is
        // built as JSON so that Marten's serializer reads the enum and the currency as the store wrote them.
        var table = session.DocumentStore.Options.Schema.For<ExportProject>();
        var sql = $"""
            select jsonb_build_object(
                'status', data ->> 'status',
                'currency', data -> 'value' ->> 'currency',
                'projects', count(*),
                'amount', sum((data -> 'value' ->> 'amount')::numeric))
            from {table}
            {(country is null ? "" : "where data ->> 'clientCountry' = ?")}
            group by data ->> 'status', data -> 'value' ->> 'currency'
            """;
        var rows = country is null
            ? await session.AdvancedSql.QueryAsync<StageRow>(sql, ct)
            : await session.AdvancedSql.QueryAsync<StageRow>(sql, ct, country.Value.Value);

        return new ExportPipeline(
        [
            .. rows.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => new PipelineStage(
                g.Key,
                g.Sum(r => r.Projects),
                [.. g.Where(r => r.Currency is not null).OrderBy(r => r.Currency!.Value.Value).Select(r => new Money(r.Amount ?? 0, r.Currency!.Value))],
                g.Where(r => r.Currency is null).Sum(r => r.Projects))),
        ]);
    }

    /// <summary>The projects of one stage in one currency; a null currency counts those with no value.</summary>
    private sealed record StageRow(ExportStatus Status, CurrencyCode? Currency, int Projects, decimal? Amount);
}
