using System.Text.Json;
using static Diplomacy.DemoData.StateJson;

namespace Diplomacy.DemoData;

/// <summary>
/// One entry of <c>exportCases</c> in the reference data, with every field the file uses. <paramref name="When"/>,
/// <paramref name="Value"/> and <paramref name="Financing"/> are free text there; the loader's plan for each case
/// (below) turns them into API calls and says how.
/// </summary>
public sealed record ExportCaseEntry(
    string Partner,
    string Country,
    string Solution,
    string Confidence,
    string? When = null,
    string? Value = null,
    string? Financing = null);

/// <summary>
/// Seoul's real urban-solution exports, through the Exports API, recording only what the reference data says.
/// Idempotent: each case is looked up by client country and solution (and city); a case that exists is skipped,
/// and any of its steps still missing is recorded, so a run that stopped halfway is completed by the next.
/// <para>
/// Choices, made once here rather than guessed per case: the file never says how a lead arose, so the origin is
/// "partnerRequest" unless the file names the ODA Challenge or KOICA; a lead's date is left unknown unless the file
/// dates the lead itself; a contract needs a value and a proposal before it (the service's rules), so a case whose
/// file entry has no value (Wellington, Ulaanbaatar) or no date (Manila, Bangkok) stays a lead with a note holding
/// every fact the API has no other place for.
/// </para>
/// </summary>
public sealed class ExportsLoader(IReadOnlyList<ExportCaseEntry> cases) : IDemoLoader
{
    private const string Api = "/api/exports/projects";

    public string Name => "Exports";

    /// <summary>Reads the <c>exportCases</c> section of the reference data file.</summary>
    public static IReadOnlyList<ExportCaseEntry> ReadCases(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("exportCases", out var section)) return [];
        return section.Deserialize<IReadOnlyList<ExportCaseEntry>>(ReferenceData.Options) ?? [];
    }

    public async Task LoadAsync(ReferenceData data, ApiClient api, Report report, CancellationToken ct)
    {
        report.Section("Exports: urban-solution export projects");
        foreach (var entry in cases)
        {
            if (Plan(entry) is not { } plan)
            {
                Report.Note($"{entry.Partner} ({entry.Country}): no plan for this export case; not loaded.");
                continue;
            }
            await LoadCaseAsync(entry, plan, api, report, ct);
        }
    }

    private sealed record Step(string Kind, string Path, object Body, Func<JsonElement, bool> Done, string Label);

    private sealed record CasePlan(object Lead, IReadOnlyList<Step> Steps);

    private static object Money(decimal amount, string currency) => new { amount, currency };

    /// <summary>What each case of the file becomes; null for a case the loader does not know.</summary>
    private static CasePlan? Plan(ExportCaseEntry e)
    {
        object Lead(string origin, string? identifiedOn = null, object? estimatedValue = null, string? note = null) => new
        {
            solution = e.Solution, clientCity = e.Partner, clientCountry = e.Country, origin, identifiedOn, estimatedValue, note,
        };

        switch (e.Partner)
        {
            // "2007-10 ordered, live 2008-04", "commercial", no value: the contract cannot be recorded without its value.
            case "Wellington":
            // "2014-09 ordered, live 2015-07", "commercial", no value: likewise.
            case "Ulaanbaatar":
                return new(Lead("partnerRequest", note: $"{e.When}; financing: {e.Financing}. The reference data gives no contract value, "
                    + "so the order is not recorded as a contract."), []);

            // "2011-07 concession", "IFC USD 55m, KEXIM USD 62m, USD 59m commercial". The file gives the financing, not the
            // concession's value: the contract (and the proposal it needs) is recorded at the total, USD 176m, dated 2011-07.
            // Instruments are not stated: "other", with the file's words in the note.
            case "Bogota":
                return new(Lead("partnerRequest", note: $"{e.When}; financing: {e.Financing}. Contract value taken as the financing total."),
                [
                    Financing("ifc", "other", 55_000_000, "USD", true, "2011-07", "IFC USD 55m; instrument not stated"),
                    Financing("kexim", "other", 62_000_000, "USD", true, "2011-07", "KEXIM USD 62m; instrument not stated"),
                    Financing("privateConcession", "other", 59_000_000, "USD", true, "2011-07", "USD 59m commercial"),
                    Proposal(176_000_000, "USD", "2011-07"),
                    Contract(176_000_000, "USD", "2011-07"),
                ]);

            // "2008 deal, opened 2011-12-29", "USD 77m rising to about USD 96m", "partner government contract": the deal at
            // USD 77m, paid by the client; the opening is the handover and the start of operations. The rise has no date.
            case "Baku":
                return new(Lead("partnerRequest", note: $"{e.When}; value {e.Value}; the rise to about USD 96m has no date and is not recorded."),
                [
                    Financing("clientFunded", "clientPayment", 77_000_000, "USD", true, "2008", "partner government contract"),
                    Proposal(77_000_000, "USD", "2008"),
                    Contract(77_000_000, "USD", "2008"),
                    Handover("2011-12-29"),
                    OperationsStart("2011-12-29"),
                ]);

            // "2013-2018, in phases", "KRW 2.1bn", "SMG ODA budget": a grant from the SMG's ODA budget, the project signed in
            // 2013 with a term to 2018 and handed over at its end (2018).
            case "Chanchamayo":
                return new(Lead("partnerRequest", note: $"{e.When}; {e.Financing}."),
                [
                    Financing("smgOda", "grant", 2_100_000_000, "KRW", true, "2013", e.Financing),
                    Proposal(2_100_000_000, "KRW", "2013"),
                    Contract(2_100_000_000, "KRW", "2013", termEndsOn: "2018"),
                    Handover("2018"),
                ]);

            // A value and a funder but no date: a lead with its value as the estimate.
            case "Manila":
                return new(Lead("partnerRequest", estimatedValue: Money(1_300_000_000, "KRW"),
                    note: $"Value {e.Value}; {e.Financing}. The reference data gives no date, so nothing is recorded beyond the lead."), []);
            case "Bangkok":
                return new(Lead("partnerRequest", estimatedValue: Money(550_000_000, "KRW"),
                    note: $"Value {e.Value}; {e.Financing}. The reference data gives no date, so nothing is recorded beyond the lead."), []);

            // "2025-2028", "USD 9.8m", "KOICA grant then client" (confidence M): the split between KOICA and the client is
            // not given, so no financing line; a KOICA lead with the value as the estimate.
            case "Jakarta":
                return new(Lead("koica", estimatedValue: Money(9_800_000, "USD"),
                    note: $"{e.When}; {e.Financing}; the split between KOICA and the client is not given."), []);

            // Seoul ODA Challenge round 1 (2024), "up to KRW 300m" from the SMG ODA budget: selected (qualified) in 2024, the
            // grant recorded as indicative, being a ceiling; Colombo's project is a pre-feasibility study.
            case "Lima" or "Phnom Penh" or "Colombo":
                List<Step> steps =
                [
                    new("qualification", "qualification", new { qualifiedOn = "2024", note = "selected in the Seoul ODA Challenge round 1" },
                        s => Has(s, "qualifiedOn"), "qualified 2024"),
                    Financing("smgOda", "grant", 300_000_000, "KRW", false, "2024", "up to KRW 300m"),
                ];
                if (e.Partner == "Colombo")
                    steps.Add(new("feasibility", "feasibility-study", new { kind = "preFeasibility", commissionedOn = "2024" },
                        s => Items(s, "studies").Any(), "pre-feasibility study commissioned 2024"));
                return new(Lead("odaChallenge", "2024", Money(300_000_000, "KRW"), $"Value {e.Value}; {e.Financing}."), steps);

            default:
                return null;
        }
    }

    private static Step Financing(string source, string instrument, decimal amount, string currency, bool committed, string arrangedOn, string? note) =>
        new("financing", "financing",
            new { source, instrument, amount = Money(amount, currency), committed, arrangedOn, note },
            s => Items(s, "financing").Any(f => Text(f, "source") == source
                && f.GetProperty("amount").GetProperty("amount").GetDecimal() == amount
                && Text(f.GetProperty("amount"), "currency") == currency),
            $"{source} {instrument} {amount:N0} {currency}{(committed ? "" : " (indicative)")}");

    private static Step Proposal(decimal amount, string currency, string on) =>
        new("proposal", "proposal", new { value = Money(amount, currency), submittedOn = on },
            s => Has(s, "proposalSubmittedOn"), $"{amount:N0} {currency} {on}");

    private static Step Contract(decimal amount, string currency, string on, string? termEndsOn = null) =>
        new("contract", "contract", new { value = Money(amount, currency), signedOn = on, termEndsOn },
            s => Has(s, "contractSignedOn"), $"{amount:N0} {currency} signed {on}");

    private static Step Handover(string on) =>
        new("handover", "handover", new { handedOverOn = on }, s => Has(s, "handedOverOn"), $"handed over {on}");

    private static Step OperationsStart(string on) =>
        new("operations", "operations-start", new { startedOn = on }, s => Has(s, "operationsStartedOn"), $"operating from {on}");

    private static async Task LoadCaseAsync(ExportCaseEntry entry, CasePlan plan, ApiClient api, Report report, CancellationToken ct)
    {
        var label = $"{entry.Partner} {entry.Country}: {entry.Solution}";
        var query = $"{Api}?country={Uri.EscapeDataString(entry.Country)}&solution={Uri.EscapeDataString(entry.Solution)}";
        var found = (await api.ListAsync(query, ct)).FirstOrDefault(p => Text(p, "clientCity") == entry.Partner);
        string path;
        JsonElement state;
        string? etag;
        if (found.ValueKind == JsonValueKind.Object)
        {
            (path, state, etag) = ($"{Api}/{Text(found, "id")}", found, ApiClient.ETagOf(found));
            report.Skipped("export", $"{label}: already recorded, {Text(found, "status")} ({Text(found, "id")})");
        }
        else
        {
            var created = await api.PostAsync(Api, plan.Lead, null, ct);
            (path, state, etag) = ($"{Api}/{created.Id}", created.Body, created.ETag);
            report.Created("export", $"{label} [{entry.Confidence}] ({created.Id})");
        }

        foreach (var step in plan.Steps)
        {
            if (step.Done(state))
            {
                report.StepSkipped(step.Kind);
                continue;
            }
            var response = await api.PostAsync($"{path}/{step.Path}", step.Body, etag, ct);
            (state, etag) = (response.Body, response.ETag);
            report.StepCreated(step.Kind, $"{entry.Partner}: {step.Label}");
        }
    }
}
