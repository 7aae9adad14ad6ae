using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Membership.Memberships;

/// <summary>Seoul applies to join a network. The stream id is derived from <paramref name="NetworkId"/> by the caller.</summary>
public sealed record ApplyForMembership(Guid NetworkId, PartialDate AppliedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        if (NetworkId == Guid.Empty) yield return new("networkId", "Is required.");
    }
}

public sealed record AcceptMembership(PartialDate AcceptedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

/// <summary>Seoul is elected to <paramref name="Role"/> from <paramref name="TermStart"/>, until <paramref name="TermEnd"/> if planned.</summary>
public sealed record ElectRole(Role Role, PartialDate TermStart, PartialDate? TermEnd = null, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.Defined(Role, "role")) yield return error;
        if (TermEnd is not null && TermStart is not null && TermEnd.IsCertainlyBefore(TermStart))
            yield return new("termEnd", "Must not be before termStart.");
        foreach (var error in Check.MaxLength(Note, "note", 500)) yield return error;
    }
}

/// <summary>Ends the term of <paramref name="Role"/> that started on <paramref name="TermStart"/>.</summary>
public sealed record EndRoleTerm(Role Role, PartialDate TermStart, PartialDate EndedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.Defined(Role, "role");
}

public sealed record CommitHosting(HostingKind Kind, string Title, PartialDate PlannedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.Defined(Kind, "kind"), .. Check.NotBlank(Title, "title")];
}

/// <summary>The hosting committed under <paramref name="Title"/> took place (titles match ignoring case).</summary>
public sealed record DeliverHosting(string Title, PartialDate DeliveredOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Title, "title");
}

public sealed record AssessFee(int Year, Money Fee) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.InRange(Year, 1800, 2100, "year")) yield return error;
        foreach (var error in Check.NotNegativeMoney(Fee, "fee")) yield return error;
    }
}

public sealed record PayFee(int Year, PartialDate PaidOn, Money Paid) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.InRange(Year, 1800, 2100, "year")) yield return error;
        foreach (var error in Check.PositiveMoney(Paid, "paid")) yield return error;
    }
}

public sealed record LapseMembership(PartialDate LapsedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record WithdrawMembership(PartialDate WithdrawnOn, string? Reason = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.MaxLength(Reason, "reason", 500)) yield return error;
    }
}

public sealed record ReinstateMembership(PartialDate ReinstatedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}
