using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Membership.PartnerCities;

/// <summary>Proposes a tie with <paramref name="City"/> (which may be a state, province or prefecture).</summary>
public sealed record ProposeTie(string City, CountryCode Country, Jurisdiction Jurisdiction, TieType Tie, PartialDate ProposedOn)
    : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.NotBlank(City, "city")) yield return error;
        if (Country.Value is null) yield return new("country", "Is required.");
        foreach (var error in Check.Defined(Jurisdiction, "jurisdiction")) yield return error;
        foreach (var error in Check.Defined(Tie, "tie")) yield return error;
    }
}

/// <summary>
/// Records Seoul's city council approval: of the agreement while the tie is proposed, or of the upgrade to a
/// sister tie while it is an active friendship tie.
/// </summary>
public sealed record GrantCouncilApproval(PartialDate ApprovedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record SignMou(PartialDate SignedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record SignAgreement(PartialDate SignedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record UpgradeToSister(PartialDate UpgradedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record SuspendTie(PartialDate SuspendedOn, string Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Reason, "reason", 500);
}

public sealed record ResumeTie(PartialDate ResumedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record TerminateTie(PartialDate TerminatedOn, string? Reason = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.MaxLength(Reason, "reason", 500)) yield return error;
    }
}
