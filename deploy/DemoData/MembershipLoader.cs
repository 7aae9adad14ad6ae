using System.Text.Json;
using static Diplomacy.DemoData.StateJson;

namespace Diplomacy.DemoData;

/// <summary>
/// Networks, Seoul's membership of each (with its roles and hostings) and Seoul's partner cities, through the
/// Membership API, so every fact is an event in a real stream. Idempotent: each network is looked up by
/// acronym, each membership by network, each tie by city and country; an item that exists is skipped, and any
/// of its steps still missing (an acceptance, a role, a delivery, an agreement, ...) is recorded, so a run
/// that stopped halfway is completed by the next.
/// </summary>
public sealed class MembershipLoader(DateOnly today) : IDemoLoader
{
    private const string Api = "/api/membership";

    public string Name => "Membership";

    public async Task LoadAsync(ReferenceData data, ApiClient api, Report report, CancellationToken ct)
    {
        var plan = MembershipPlan.From(data);

        report.Section("Membership: networks and Seoul's memberships");
        foreach (var network in plan.Networks)
        {
            var networkId = await LoadNetworkAsync(network, api, report, ct);
            await LoadMembershipAsync(network, networkId, api, report, ct);
        }

        report.Section("Membership: partner cities");
        foreach (var tie in plan.Ties)
            await LoadPartnerCityAsync(tie, api, report, ct);
    }

    private static async Task<Guid> LoadNetworkAsync(NetworkPlan plan, ApiClient api, Report report, CancellationToken ct)
    {
        var (entry, facts) = (plan.Entry, plan.Facts);
        Cursor network;
        var query = $"{Api}/networks?acronym={Uri.EscapeDataString(plan.Acronym)}";
        if (await FindAsync(api, query, n => Text(n, "acronym") == plan.Acronym, ct) is { } found)
        {
            network = new Cursor($"{Api}/networks/{Id(found)}", found);
            report.Skipped("network", $"{plan.Acronym}: already registered as \"{Text(found, "name")}\" ({Id(found)})");
        }
        else
        {
            var created = await api.PostAsync($"{Api}/networks", new
            {
                acronym = plan.Acronym,
                name = plan.RegisteredName,
                founded = entry.Founded,
                headquartersCity = facts.HeadquartersCity,
                headquartersCountry = facts.HeadquartersCountry,
                themes = facts.Themes,
            }, null, ct);
            network = new Cursor($"{Api}/networks/{created.Id}", created.Body, created.ETag);
            report.Created("network", $"{plan.Acronym}: \"{plan.RegisteredName}\", founded {entry.Founded}, "
                + $"HQ {facts.HeadquartersCity} {facts.HeadquartersCountry} [{entry.Confidence}] ({created.Id})");
        }

        if (facts.RenamedTo is { } newName)
        {
            // Renamed only from the registered name: a network someone registered or renamed otherwise is left alone.
            var name = Text(network.State, "name");
            if (name == plan.RegisteredName)
            {
                await network.PostAsync(api, "rename", new { name = newName, effectiveOn = facts.RenamedOn }, ct);
                report.StepCreated("rename", $"{plan.Acronym}: \"{newName}\" from {facts.RenamedOn}");
            }
            else
            {
                report.StepSkipped("rename");
                if (name != newName) Report.Note($"{plan.Acronym} is called \"{name}\", neither its registered nor its current name: not renamed.");
            }
        }
        return Id(network.State);
    }

    private async Task LoadMembershipAsync(NetworkPlan plan, Guid networkId, ApiClient api, Report report, CancellationToken ct)
    {
        var acronym = plan.Acronym;
        Cursor membership;
        var query = $"{Api}/memberships?network={networkId}";
        if (await FindAsync(api, query, m => Text(m, "networkId") == networkId.ToString(), ct) is { } found)
        {
            membership = new Cursor($"{Api}/memberships/{Id(found)}", found);
            report.Skipped("membership", $"{acronym}: already recorded, {Text(found, "status")} ({Id(found)})");
        }
        else
        {
            var created = await api.PostAsync($"{Api}/memberships", new { networkId, appliedOn = plan.Joined.Text }, null, ct);
            membership = new Cursor($"{Api}/memberships/{created.Id}", created.Body, created.ETag);
            report.Created("membership", $"{acronym}: applied {plan.Joined} [{plan.Entry.Confidence}] ({created.Id})");
            if (plan.JoinedInferredFrom is not null)
                Report.Note($"{acronym}: the date Seoul joined is unknown; {plan.Joined}, the date of its earliest "
                    + $"{plan.JoinedInferredFrom}, is used as the latest it can have been.");
        }

        if (Text(membership.State, "status") == "applied")
        {
            await membership.PostAsync(api, "acceptance", new { acceptedOn = plan.Joined.Text }, ct);
            report.StepCreated("acceptance", $"{acronym}: accepted {plan.Joined}");
        }
        else report.StepSkipped("acceptance");

        // A membership recorded as over (lapsed, withdrawn) takes no roles or hostings: the record is left as it is, as a
        // tie recorded otherwise is, rather than the run failing on it or reinstating what someone ended.
        if (Text(membership.State, "status") is var status and not "active")
        {
            Report.Note($"{acronym}: Seoul's membership is recorded as {status}; the file's roles and hostings are not added to it.");
            return;
        }

        foreach (var role in plan.Roles) await LoadRoleAsync(acronym, role, membership, api, report, ct);
        foreach (var hosting in plan.Hostings) await LoadHostingAsync(acronym, hosting, membership, api, report, ct);
    }

    private async Task LoadRoleAsync(string acronym, RolePlan role, Cursor membership, ApiClient api, Report report, CancellationToken ct)
    {
        // A term whose end has not certainly passed ("2026" on 2026-11-28) keeps it as the planned end;
        // one that has is ended with role-term-end, so the stream says the term is over.
        var ended = role.To is not null && role.To.HasPassed(today);
        var label = $"{acronym}: {ApiName(role.Role)} from {role.From}";
        var term = Items(membership.State, "roles").FirstOrDefault(t =>
            Text(t, "role") == ApiName(role.Role) && Text(t, "termStart") == role.From.Text);
        if (term.ValueKind == JsonValueKind.Undefined)
        {
            await membership.PostAsync(api, "roles", new
            {
                role = role.Role,
                termStart = role.From.Text,
                termEnd = ended ? null : role.To?.Text,
                note = role.Entry.Role,     // the original wording, which the enum cannot carry
            }, ct);
            var planned = role.To is null || ended ? "" : $", planned to {role.To}";
            report.StepCreated("role", $"{label}{planned} \"{role.Entry.Role}\" [{role.Entry.Confidence}]");
        }
        else report.StepSkipped("role");

        if (!ended) return;
        if (term.ValueKind == JsonValueKind.Object && term.TryGetProperty("ended", out var done) && done.ValueKind == JsonValueKind.True)
        {
            report.StepSkipped("role end");
            return;
        }
        await membership.PostAsync(api, "role-term-end", new { role = role.Role, termStart = role.From.Text, endedOn = role.To!.Text }, ct);
        report.StepCreated("role end", $"{label}: ended {role.To}");
    }

    private async Task LoadHostingAsync(string acronym, HostingPlan hosting, Cursor membership, ApiClient api, Report report, CancellationToken ct)
    {
        var title = hosting.Entry.What;
        var recorded = Items(membership.State, "hostings").FirstOrDefault(h =>
            string.Equals(Text(h, "title").Trim(), title.Trim(), StringComparison.OrdinalIgnoreCase));
        if (recorded.ValueKind == JsonValueKind.Undefined)
        {
            await membership.PostAsync(api, "hostings", new { kind = hosting.Kind, title, plannedOn = hosting.When.Text }, ct);
            report.StepCreated("hosting", $"{acronym}: {ApiName(hosting.Kind)} \"{title}\" {hosting.When} [{hosting.Entry.Confidence}]");
        }
        else report.StepSkipped("hosting");

        // Delivered on the date it was planned for, once that date is past: the file dates the event itself.
        if (!hosting.When.HasPassed(today)) return;
        if (recorded.ValueKind == JsonValueKind.Object && Text(recorded, "deliveredOn").Length > 0)
        {
            report.StepSkipped("delivery");
            return;
        }
        await membership.PostAsync(api, "hosting-delivery", new { title, deliveredOn = hosting.When.Text }, ct);
        report.StepCreated("delivery", $"{acronym}: \"{title}\" delivered {hosting.When}");
    }

    private static async Task LoadPartnerCityAsync(TiePlan plan, ApiClient api, Report report, CancellationToken ct)
    {
        var (entry, label) = (plan.Entry, plan.Label);
        Cursor partner;
        var query = $"{Api}/partner-cities?city={Uri.EscapeDataString(entry.City)}&country={Uri.EscapeDataString(entry.Country)}";
        if (await FindAsync(api, query, p => Text(p, "city") == entry.City && Text(p, "country") == entry.Country, ct) is { } found)
        {
            partner = new Cursor($"{Api}/partner-cities/{Id(found)}", found);
            report.Skipped("partner city", $"{label}: already recorded, {Text(found, "tie")} tie, {Text(found, "status")} ({Id(found)})");
            if (Text(found, "tie") != ApiName(plan.Tie) || Text(found, "jurisdiction") != ApiName(plan.Jurisdiction))
                Report.Note($"{label} is recorded as a {Text(found, "jurisdiction")} with a {Text(found, "tie")} tie; "
                    + $"the file says {ApiName(plan.Jurisdiction)}, {ApiName(plan.Tie)}. Left as recorded.");
        }
        else
        {
            var created = await api.PostAsync($"{Api}/partner-cities", new
            {
                city = entry.City,
                country = entry.Country,
                jurisdiction = plan.Jurisdiction,
                tie = plan.Tie,
                proposedOn = plan.Since.Text,
            }, null, ct);
            partner = new Cursor($"{Api}/partner-cities/{created.Id}", created.Body, created.ETag);
            report.Created("partner city", $"{label}: {ApiName(plan.Tie)} tie with the {ApiName(plan.Jurisdiction)}, since {plan.Since} [{entry.Confidence}] ({created.Id})");
            // Facts the API has no place for: printed once, when the tie is created, never dropped silently.
            if (entry.Alt is not null) Report.Note($"{label}: another source dates it {entry.Alt}; the API keeps one date, the file's 'since' ({plan.Since}).");
            if (entry.Note is not null) Report.Note($"{label}: {entry.Note} (not loaded: a tie has no note).");
            foreach (var field in entry.Unknown?.Keys ?? Enumerable.Empty<string>())
                Report.Note($"{label}: field '{field}' is not known to the loader and was not loaded.");
        }

        var proposed = Text(partner.State, "status") == "proposed";
        if (plan.Tie == TieType.Sister)
        {
            // A sister tie needs the council's approval before its agreement; a friendship tie does not.
            if (proposed && Text(partner.State, "councilApprovedOn").Length == 0)
            {
                await partner.PostAsync(api, "council-approval", new { approvedOn = plan.Since.Text }, ct);
                report.StepCreated("council approval", $"{label}: approved {plan.Since}");
            }
            else report.StepSkipped("council approval");
        }

        if (proposed)
        {
            await partner.PostAsync(api, "agreement", new { signedOn = plan.Since.Text }, ct);
            report.StepCreated("agreement", $"{label}: signed {plan.Since}");
        }
        else report.StepSkipped("agreement");

        if (plan.TerminatedOn is null) return;
        if (Text(partner.State, "status") == "terminated")
        {
            report.StepSkipped("termination");
            return;
        }
        await partner.PostAsync(api, "termination", new { terminatedOn = plan.TerminatedOn.Text, reason = entry.TerminationReason }, ct);
        report.StepCreated("termination", $"{label}: terminated {plan.TerminatedOn}");
    }

    /// <summary>
    /// The first item of a filtered list that really is the one sought, or null. The match is checked again here
    /// so that a filter the API ignored can never turn "another item" into "already there".
    /// </summary>
    private static async Task<JsonElement?> FindAsync(ApiClient api, string query, Func<JsonElement, bool> isIt, CancellationToken ct)
    {
        foreach (var item in await api.ListAsync(query, ct))
            if (isIt(item)) return item;
        return null;
    }

    /// <summary>An enum value as the API spells it (camelCase).</summary>
    private static string ApiName<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
