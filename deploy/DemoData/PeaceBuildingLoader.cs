using System.Text.Json;
using static Diplomacy.DemoData.StateJson;

namespace Diplomacy.DemoData;

/// <summary>
/// Seoul's peace-building programs (the <c>peaceBuilding</c> section of the reference data) through the PeaceBuilding
/// API, so every fact is an event in a real stream. Idempotent: each program is looked up by area and title; one that
/// exists is skipped, and any of its steps still missing (a bid, an approval, a delivery, ...) is recorded, so a run
/// that stopped halfway is completed by the next.
/// <para>
/// The section is free text ("USD 50,000 after the 2017 earthquake"), so each entry is mapped by hand in
/// <see cref="Plans"/>; an entry missing there fails the run instead of getting a guess. Where the API needs a fact
/// the file does not give, the choice is commented here and printed as a note.
/// </para>
/// <para>
/// Registered in Program.cs as <c>new PeaceBuildingLoader(dataPath)</c>: it reads its own section of the file, so
/// <see cref="ReferenceData"/> needs no change.
/// </para>
/// </summary>
public sealed class PeaceBuildingLoader(string dataPath) : IDemoLoader
{
    private const string Api = "/api/peace/programs";

    /// <summary>The file's entry that is a fund, not a program: printed, and not loaded as a stream.</summary>
    private const string Fund = "Inter-Korean Exchange and Cooperation Fund";

    public string Name => "PeaceBuilding";

    public async Task LoadAsync(ReferenceData data, ApiClient api, Report report, CancellationToken ct)
    {
        report.Section("PeaceBuilding: programs");
        foreach (var entry in ReadSection(dataPath))
        {
            if (entry.Program == Fund)
            {
                // The fund finances inter-Korean programs; the file gives no amount allocated to any program from it
                // (KRW 25bn was added to the fund itself for 2019), so there is no allocation to record.
                Report.Note($"\"{Fund}\" is a fund, not a program: not loaded as a stream ({entry.Facts}) [{entry.Confidence}].");
                continue;
            }
            if (!Plans.TryGetValue(entry.Program, out var plan))
                throw new InvalidDataException($"peaceBuilding: no mapping for the program \"{entry.Program}\"; add it to PeaceBuildingLoader.Plans.");
            await LoadProgramAsync(entry, plan, api, report, ct);
        }
    }

    private static async Task LoadProgramAsync(PeaceEntry entry, ProgramPlan plan, ApiClient api, Report report, CancellationToken ct)
    {
        Cursor program;
        var query = $"{Api}?area={plan.Area}";
        var found = (await api.ListAsync(query, ct)).FirstOrDefault(p => Text(p, "title") == plan.Title);
        if (found.ValueKind == JsonValueKind.Object)
        {
            program = new Cursor($"{Api}/{Id(found)}", found);
            report.Skipped("peace program", $"{plan.Title}: already recorded, {Text(found, "status")} ({Id(found)})");
        }
        else
        {
            var created = await api.PostAsync(Api, new
            {
                title = plan.Title,
                area = plan.Area,
                partners = plan.Partners.Select(p => new { name = p.Name, country = p.Country, kind = p.Kind }).ToArray(),
                objectives = plan.Objectives,
                registeredOn = plan.RegisteredOn,
                dacPurposeCode = plan.DacPurposeCode,
            }, null, ct);
            program = new Cursor($"{Api}/{created.Id}", created.Body, created.ETag);
            report.Created("peace program", $"{plan.Title}: {plan.Area}, registered {plan.RegisteredOn} [{entry.Confidence}] ({created.Id})");
            Report.Note($"{plan.Title}: the file says \"{entry.Facts}\".");
            foreach (var choice in plan.Choices) Report.Note($"{plan.Title}: {choice}");
        }

        foreach (var step in plan.Steps)
        {
            if (step.Done(program.State))
            {
                report.StepSkipped(step.Kind);
                continue;
            }
            await program.PostAsync(api, step.Command, step.Body, ct);
            report.StepCreated(step.Kind, $"{plan.Title}: {step.Label}");
        }
    }

    // ---- the mapping of the file's free text

    private sealed record PartnerPlan(string Name, string Country, string Kind);

    private sealed record StepPlan(string Kind, string Command, object Body, string Label, Func<JsonElement, bool> Done);

    /// <param name="Choices">What the loader decided where the file is silent: printed once, when the program is created.</param>
    private sealed record ProgramPlan(
        string Title,
        string Area,
        PartnerPlan[] Partners,
        string[] Objectives,
        string RegisteredOn,
        string? DacPurposeCode,
        StepPlan[] Steps,
        string[] Choices);

    private static readonly PartnerPlan Pyongyang = new("Pyongyang", "KP", "city");

    /// <summary>The file's programs, by their exact name in the file.</summary>
    private static readonly IReadOnlyDictionary<string, ProgramPlan> Plans = new Dictionary<string, ProgramPlan>(StringComparer.Ordinal)
    {
        // "2016-11: 3 areas (socio-cultural exchange, urban infrastructure, economic cooperation), 10 projects; later
        // narrowed to peace and unification education". A program has one area: socio-cultural, which covers both the
        // first area and what it was narrowed to; the three areas and the narrowing are kept as objectives.
        ["Seoul-Pyongyang city-to-city partnership plan"] = new(
            "Seoul-Pyongyang city-to-city partnership plan",
            "socioCultural",
            [Pyongyang],
            ["10 projects in 3 areas: socio-cultural exchange, urban infrastructure, economic cooperation",
             "later narrowed to peace and unification education"],
            "2016-11",
            DacPurposeCode: "15220",   // civilian peace-building: a classification, not a fact of the file
            Steps:
            [
                // No contact approval, approval or delivery is recorded: the file records none. The plan could not
                // start while inter-Korean exchange was frozen, so it is recorded as suspended for political reasons
                // from the month it was announced; the file gives no suspension date, hence the note.
                new("suspension", "suspension",
                    new { reason = "political", suspendedOn = "2016-11", note = "Recorded by the demo loader: the reference data gives no suspension date; the plan could not start while inter-Korean exchange was frozen." },
                    "suspended 2016-11 (political)",
                    state => Items(state, "suspensions").Any()),
            ],
            ["recorded as suspended for political reasons from 2016-11, the month it was announced (the file gives no date); DAC 15220 is the loader's classification."]),

        // "Seoul chosen as Korea's candidate 2019-02-11; notice to the IOC 2021-04-01; the Games went to Brisbane".
        ["Joint Seoul-Pyongyang bid for the 2032 Summer Olympics"] = new(
            "Joint Seoul-Pyongyang bid for the 2032 Summer Olympics",
            "sports",
            [Pyongyang],
            ["host the 2032 Summer Olympics jointly with Pyongyang"],
            "2019-02-11",   // Seoul chosen as Korea's candidate city
            DacPurposeCode: null,
            Steps:
            [
                new("bid", "bid", new { bid = "2032 Summer Olympics", submittedTo = "IOC", submittedOn = "2021-04-01" },
                    "bid notified to the IOC 2021-04-01",
                    state => state.TryGetProperty("bid", out var bid) && bid.ValueKind == JsonValueKind.Object),
                // The file does not date the IOC's decision, so the outcome carries none.
                new("bid outcome", "bid-outcome", new { outcome = "lost", winner = "Brisbane" },
                    "lost to Brisbane",
                    state => state.TryGetProperty("bid", out var bid) && bid.ValueKind == JsonValueKind.Object && Text(bid, "outcome").Length > 0),
            ],
            ["registered on 2019-02-11, the day Seoul was chosen as Korea's candidate; the bid is dated by the notice to the IOC; the decision is undated (the file gives no date). The program is left open: the file says nothing of its closing."]),

        // "USD 50,000 after the 2017 earthquake". Approval needs a completed risk assessment, which the file does not
        // record: one is recorded (low, cleared) with a note saying so. The fund is not named in the file.
        ["Earthquake relief to Mexico City"] = new(
            "Earthquake relief to Mexico City",
            "humanitarian",
            [new PartnerPlan("Mexico City", "MX", "city")],
            ["relief after the 2017 earthquake"],
            "2017",
            DacPurposeCode: "72010",   // material relief assistance: a classification, not a fact of the file
            Steps:
            [
                new("risk assessment", "risk-assessment",
                    new { level = "low", screening = "cleared", assessedOn = "2017", note = "Recorded by the demo loader: the reference data records no assessment, and approval requires one." },
                    "assessed low, screening cleared (loader's assumption)",
                    state => state.TryGetProperty("risk", out var risk) && risk.ValueKind == JsonValueKind.Object),
                new("approval", "approval", new { approvedOn = "2017" }, "approved 2017",
                    state => Text(state, "approvedOn").Length > 0),
                new("allocation", "allocation",
                    new { fund = ReliefFund, amount = new { amount = 50_000m, currency = "USD" }, allocatedOn = "2017" },
                    $"USD 50,000 allocated from \"{ReliefFund}\"",
                    state => Items(state, "funds").Any(f => Text(f, "fund") == ReliefFund && Text(f, "currency") == "USD")),
                new("delivery", "delivery",
                    new { kind = "grant", description = "Earthquake relief", fund = ReliefFund, spent = new { amount = 50_000m, currency = "USD" }, deliveredOn = "2017", partner = "Mexico City" },
                    "USD 50,000 delivered to Mexico City 2017",
                    state => Items(state, "deliveries").Any()),
                new("completion", "completion", new { completedOn = "2017" }, "completed 2017",
                    state => Text(state, "status") == "completed"),
            ],
            [$"the file records no risk assessment and names no fund: an assessment (low, cleared) is recorded so the rules allow approval, and the money is allocated from \"{ReliefFund}\"; all steps are dated 2017, the year the file gives; DAC 72010 is the loader's classification."]),
    };

    private const string ReliefFund = "Seoul Metropolitan Government";

    // ---- the file

    private sealed record PeaceEntry(string Program, string Facts, string Confidence);

    private static IReadOnlyList<PeaceEntry> ReadSection(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("peaceBuilding", out var section) || section.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException("peaceBuilding: the reference data has no list of peace-building programs.");
        return [.. section.EnumerateArray().Select((item, i) => new PeaceEntry(
            Required(item, "program", i), Required(item, "facts", i), Required(item, "confidence", i)))];
    }

    private static string Required(JsonElement item, string property, int index) =>
        Text(item, property) is { Length: > 0 } text ? text
            : throw new InvalidDataException($"peaceBuilding[{index}].{property}: is required.");
}
