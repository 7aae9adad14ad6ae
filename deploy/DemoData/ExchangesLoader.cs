using System.Text.Json;
using static Diplomacy.DemoData.StateJson;

namespace Diplomacy.DemoData;

/// <summary>
/// Seoul's policy catalogue and a few sharing cases, through the Exchanges API. Idempotent: a policy is looked
/// up by title, an exchange by partner city, country and policy; what exists is skipped, and any step of an
/// exchange still missing (scope, funding, schedule) is recorded, so a run that stopped halfway is completed.
/// </summary>
public sealed class ExchangesLoader : IDemoLoader
{
    private const string Api = "/api/exchanges";

    public string Name => "Exchanges";

    public async Task LoadAsync(ReferenceData data, ApiClient api, Report report, CancellationToken ct)
    {
        report.Section("Exchanges: policy catalogue");
        var policies = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var policy in ExchangesPlan.Policies)
            policies[policy.Title] = await LoadPolicyAsync(policy, api, report, ct);

        report.Section("Exchanges: sharing cases");
        foreach (var plan in ExchangesPlan.Cases)
        {
            var policyId = policies.GetValueOrDefault(plan.PolicyTitle);
            if (policyId == Guid.Empty) throw new InvalidDataException($"The case {plan.PartnerCity} names the unknown policy '{plan.PolicyTitle}'.");
            await LoadCaseAsync(plan, policyId, api, report, ct);
        }
    }

    private static async Task<Guid> LoadPolicyAsync(ExchangesPlan.PolicyPlan plan, ApiClient api, Report report, CancellationToken ct)
    {
        var found = (await api.ListAsync($"{Api}/policies?title={Uri.EscapeDataString(plan.Title)}", ct))
            .FirstOrDefault(p => Text(p, "title") == plan.Title);
        if (found.ValueKind == JsonValueKind.Object)
        {
            report.Skipped("policy", $"{plan.Title}: already catalogued ({Id(found)})");
            return Id(found);
        }
        var created = await api.PostAsync($"{Api}/policies", new
        {
            title = plan.Title,
            department = plan.Department,
            sector = plan.Sector,
            sdgGoals = plan.SdgGoals,
            summary = plan.Summary,
        }, null, ct);
        report.Created("policy", $"{plan.Title}: {plan.Department}, DAC {plan.Sector}, SDG {string.Join("/", plan.SdgGoals)} ({created.Id})");
        return created.Id;
    }

    private static async Task LoadCaseAsync(ExchangesPlan.CasePlan plan, Guid policyId, ApiClient api, Report report, CancellationToken ct)
    {
        var label = $"{plan.PartnerCity} ({plan.PartnerCountry}): {plan.PolicyTitle}";
        var query = $"{Api}/exchanges?city={Uri.EscapeDataString(plan.PartnerCity)}&country={plan.PartnerCountry}&policy={policyId}";
        var found = (await api.ListAsync(query, ct)).FirstOrDefault(e =>
            Text(e, "partnerCity") == plan.PartnerCity && Text(e, "partnerCountry") == plan.PartnerCountry
            && e.GetProperty("policyIds").EnumerateArray().Any(id => id.GetGuid() == policyId));

        JsonElement state;
        string? etag;
        Guid id;
        if (found.ValueKind == JsonValueKind.Object)
        {
            (state, etag, id) = (found, ApiClient.ETagOf(found), Id(found));
            report.Skipped("exchange", $"{label}: already recorded, {Text(found, "status")} ({id})");
        }
        else
        {
            var created = await api.PostAsync($"{Api}/exchanges", new
            {
                partnerCity = plan.PartnerCity,
                partnerCountry = plan.PartnerCountry,
                channel = plan.Channel,
                policyIds = new[] { policyId },
                requestedOn = plan.RequestedOn,
            }, null, ct);
            (state, etag, id) = (created.Body, created.ETag, created.Id);
            report.Created("exchange", $"{label}, {plan.Channel}, requested {plan.RequestedOn} [{plan.Source}] ({id})");
        }

        var path = $"{Api}/exchanges/{id}";
        async Task Step(string command, object body)
        {
            var response = await api.PostAsync($"{path}/{command}", body, etag, ct);
            (state, etag) = (response.Body, response.ETag ?? ApiClient.ETagOf(response.Body));
        }

        if (!Has(state, "modality"))
        {
            await Step("scope", new { modality = plan.Modality, participants = plan.Participants, plannedStart = plan.ScheduledFrom ?? plan.RequestedOn, plannedEnd = plan.ScheduledTo });
            report.StepCreated("scope", $"{label}: {plan.Modality}");
        }
        else report.StepSkipped("scope");

        if (!Has(state, "funding"))
        {
            await Step("funding-approval", new
            {
                source = plan.FundingSource,
                funding = new { amount = plan.Amount, currency = plan.Currency },
                approvedOn = plan.RequestedOn,
            });
            report.StepCreated("funding", $"{label}: {plan.Amount:N0} {plan.Currency} from {plan.FundingSource}");
        }
        else report.StepSkipped("funding");

        if (plan.ScheduledFrom is null) return;
        if (!Has(state, "startsOn"))
        {
            await Step("schedule", new { startsOn = plan.ScheduledFrom, endsOn = plan.ScheduledTo });
            report.StepCreated("schedule", $"{label}: {plan.ScheduledFrom} to {plan.ScheduledTo}");
        }
        else report.StepSkipped("schedule");
    }
}
