using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Exchanges.Policies;

public static class PolicyDecisions
{
    public static IPolicyEvent[] Decide(CataloguePolicy command) =>
    [
        new PolicyCatalogued(
            command.Title.Trim(),
            command.Department.Trim(),
            command.Sector,
            command.SdgGoals.Distinct().Order().ToArray(),
            command.Summary.Trim()),
    ];

    public static IPolicyEvent[] Decide(Policy state, RevisePolicySummary command)
    {
        var summary = command.Summary.Trim();
        Rule.Require(summary != state.Summary, "The summary is already worded so: a revision must change it.");
        return [new PolicySummaryRevised(summary)];
    }

    public static bool IsDacPurposeCode(string? code) => code is { Length: 5 } && code.All(char.IsAsciiDigit) && code[0] != '0';
}
