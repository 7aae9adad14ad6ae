using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Exchanges.Policies;

/// <summary>Enters a policy in the catalogue. <paramref name="Sector"/> is an OECD DAC CRS purpose code ("14020").</summary>
public sealed record CataloguePolicy(
    string Title,
    string Department,
    string Sector,
    IReadOnlyList<int> SdgGoals,
    string Summary) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.NotBlank(Title, "title")) yield return error;
        foreach (var error in Check.NotBlank(Department, "department")) yield return error;
        if (!PolicyDecisions.IsDacPurposeCode(Sector)) yield return new("sector", "Must be an OECD DAC CRS purpose code of 5 digits, such as \"21020\".");
        foreach (var error in Check.NotEmpty(SdgGoals, "sdgGoals")) yield return error;
        if (SdgGoals is not null)
            for (var i = 0; i < SdgGoals.Count; i++)
                foreach (var error in Check.InRange(SdgGoals[i], 1, 17, $"sdgGoals[{i}]")) yield return error;
        foreach (var error in Check.NotBlank(Summary, "summary", 4000)) yield return error;
    }
}

/// <summary>Rewrites the policy's summary.</summary>
public sealed record RevisePolicySummary(string Summary) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Summary, "summary", 4000);
}
