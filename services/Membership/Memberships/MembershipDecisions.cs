using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Membership.Memberships;

public static class MembershipDecisions
{
    /// <summary>Starts the stream; <paramref name="networkAcronym"/> is the network's current acronym, loaded by the caller.</summary>
    public static IMembershipEvent[] Decide(ApplyForMembership command, string networkAcronym)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(networkAcronym);
        return [new MembershipApplied(command.NetworkId, networkAcronym, command.AppliedOn)];
    }

    public static IMembershipEvent[] Decide(Membership state, AcceptMembership command)
    {
        Rule.Require(state.Status == MembershipStatus.Applied,
            $"Only an application can be accepted; this membership is {Describe(state.Status)}.");
        Rule.Require(!command.AcceptedOn.IsCertainlyBefore(state.AppliedOn),
            $"A membership cannot be accepted before Seoul applied ({state.AppliedOn}).");
        return [new MembershipAccepted(command.AcceptedOn)];
    }

    public static IMembershipEvent[] Decide(Membership state, ElectRole command)
    {
        RequireActive(state, "take up a role");
        Rule.Require(!state.Roles.Any(term => term.Role == command.Role && term.TermStart == command.TermStart),
            $"A term as {command.Role} starting {command.TermStart} is already recorded.");
        var note = command.Note.TrimOrNull();
        return [new RoleElected(command.Role, command.TermStart, command.TermEnd, note)];
    }

    public static IMembershipEvent[] Decide(Membership state, EndRoleTerm command)
    {
        var term = state.Roles.FirstOrDefault(term => term.Role == command.Role && term.TermStart == command.TermStart);
        Rule.Require(term is not null, $"No term as {command.Role} starting {command.TermStart} is recorded.");
        Rule.Require(!term!.Ended, $"The term as {command.Role} starting {command.TermStart} already ended on {term.TermEnd}.");
        Rule.Require(!command.EndedOn.IsCertainlyBefore(term.TermStart),
            $"A term cannot end ({command.EndedOn}) before it starts ({term.TermStart}).");
        return [new RoleTermEnded(term.Role, term.TermStart, command.EndedOn)];
    }

    public static IMembershipEvent[] Decide(Membership state, CommitHosting command)
    {
        RequireActive(state, "commit to hosting");
        var title = command.Title.Trim();
        Rule.Require(!state.Hostings.Any(hosting => SameTitle(hosting.Title, title)),
            $"A hosting titled '{title}' is already committed.");
        return [new HostingCommitted(command.Kind, title, command.PlannedOn)];
    }

    public static IMembershipEvent[] Decide(Membership state, DeliverHosting command)
    {
        RequireActive(state, "deliver a hosting");
        var hosting = state.Hostings.FirstOrDefault(hosting => SameTitle(hosting.Title, command.Title));
        Rule.Require(hosting is not null, $"No hosting titled '{command.Title.Trim()}' was committed.");
        Rule.Require(hosting!.DeliveredOn is null, $"The hosting '{hosting.Title}' was already delivered on {hosting.DeliveredOn}.");
        return [new HostingDelivered(hosting.Title, command.DeliveredOn)];
    }

    public static IMembershipEvent[] Decide(Membership state, AssessFee command)
    {
        Rule.Require(!state.Fees.Any(fee => fee.Year == command.Year),
            $"The fee for {command.Year} was already assessed.");
        return [new FeeAssessed(command.Year, command.Fee)];
    }

    public static IMembershipEvent[] Decide(Membership state, PayFee command)
    {
        var fee = state.Fees.FirstOrDefault(fee => fee.Year == command.Year);
        Rule.Require(fee is not null, $"The fee for {command.Year} cannot be paid before it is assessed.");
        Rule.Require(fee!.Paid is null, $"The fee for {command.Year} was already paid on {fee.PaidOn}.");
        Rule.Require(command.Paid.Currency == fee.Assessed.Currency,
            $"The fee for {command.Year} was assessed in {fee.Assessed.Currency}; it cannot be paid in {command.Paid.Currency}.");
        return [new FeePaid(command.Year, command.PaidOn, command.Paid)];
    }

    public static IMembershipEvent[] Decide(Membership state, LapseMembership command)
    {
        Rule.Require(state.Status == MembershipStatus.Active,
            $"Only an active membership can lapse; this membership is {Describe(state.Status)}.");
        return [new MembershipLapsed(command.LapsedOn)];
    }

    public static IMembershipEvent[] Decide(Membership state, WithdrawMembership command)
    {
        Rule.Require(state.Status is MembershipStatus.Applied or MembershipStatus.Active or MembershipStatus.Lapsed,
            $"Only an application, an active or a lapsed membership can be withdrawn; this membership is {Describe(state.Status)}.");
        var reason = command.Reason.TrimOrNull();
        return [new MembershipWithdrawn(command.WithdrawnOn, reason)];
    }

    public static IMembershipEvent[] Decide(Membership state, ReinstateMembership command)
    {
        Rule.Require(state.Status is MembershipStatus.Lapsed or MembershipStatus.Withdrawn,
            $"Only a lapsed or withdrawn membership can be reinstated; this membership is {Describe(state.Status)}.");
        Rule.Require(state.AcceptedOn is not null,
            "A membership that was never accepted cannot be reinstated: a withdrawn application stays withdrawn.");
        return [new MembershipReinstated(command.ReinstatedOn)];
    }

    /// <summary>Hostings are identified by their title, ignoring case and surrounding spaces.</summary>
    private static bool SameTitle(string a, string b) =>
        string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static void RequireActive(Membership state, string what) =>
        Rule.Require(state.Status == MembershipStatus.Active,
            $"Only an active membership can {what}; this membership is {Describe(state.Status)}.");

    private static string Describe(MembershipStatus status) => status switch
    {
        MembershipStatus.Applied => "an application not yet accepted",
        MembershipStatus.Active => "active",
        MembershipStatus.Lapsed => "lapsed",
        MembershipStatus.Withdrawn => "withdrawn",
        _ => "in an unknown state",
    };
}
