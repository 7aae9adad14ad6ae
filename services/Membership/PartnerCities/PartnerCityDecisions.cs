using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Membership.PartnerCities;

public static class PartnerCityDecisions
{
    public static IPartnerCityEvent[] Decide(ProposeTie command) =>
        [new TieProposed(command.City.Trim(), command.Country, command.Jurisdiction, command.Tie, command.ProposedOn)];

    public static IPartnerCityEvent[] Decide(PartnerCity state, SignMou command)
    {
        RequireNotTerminated(state);
        Rule.Require(state.Status == PartnerCityStatus.Proposed,
            "A memorandum of understanding can only be signed while the tie is proposed, before its agreement.");
        Rule.Require(state.MouSignedOn is null, $"A memorandum of understanding was already signed on {state.MouSignedOn}.");
        return [new MouSigned(command.SignedOn)];
    }

    public static IPartnerCityEvent[] Decide(PartnerCity state, GrantCouncilApproval command)
    {
        RequireNotTerminated(state);
        CouncilApprovalPurpose purpose;
        if (state.Status == PartnerCityStatus.Proposed)
        {
            Rule.Require(state.CouncilApprovedOn is null, $"The council already approved this tie on {state.CouncilApprovedOn}.");
            purpose = CouncilApprovalPurpose.Agreement;
        }
        else
        {
            Rule.Require(state.Status == PartnerCityStatus.Active && state.Tie == TieType.Friendship,
                "The council approves a tie while it is proposed, or an active friendship tie to upgrade it; there is nothing to approve now.");
            Rule.Require(state.UpgradeApprovedOn is null,
                $"The council already approved upgrading this tie to a sister tie on {state.UpgradeApprovedOn}.");
            purpose = CouncilApprovalPurpose.UpgradeToSister;
        }
        return [new CouncilApprovalGranted(command.ApprovedOn, purpose)];
    }

    public static IPartnerCityEvent[] Decide(PartnerCity state, SignAgreement command)
    {
        RequireNotTerminated(state);
        Rule.Require(state.Status == PartnerCityStatus.Proposed, "The agreement can only be signed once, while the tie is proposed.");
        if (state.Tie == TieType.Sister)
        {
            Rule.Require(state.CouncilApprovedOn is not null,
                "A sister tie needs the approval of the city council before its agreement is signed.");
            Rule.Require(!command.SignedOn.IsCertainlyBefore(state.CouncilApprovedOn!),
                $"A sister tie's agreement cannot be signed before the council approved it ({state.CouncilApprovedOn}).");
        }
        return [new AgreementSigned(command.SignedOn)];
    }

    public static IPartnerCityEvent[] Decide(PartnerCity state, UpgradeToSister command)
    {
        RequireNotTerminated(state);
        Rule.Require(state.Status == PartnerCityStatus.Active && state.Tie == TieType.Friendship,
            "Only an active friendship tie can be upgraded to a sister tie.");
        Rule.Require(state.UpgradeApprovedOn is not null,
            "Upgrading a friendship tie to a sister tie needs the approval of the city council first.");
        Rule.Require(!command.UpgradedOn.IsCertainlyBefore(state.UpgradeApprovedOn!),
            $"The tie cannot be upgraded before the council approved the upgrade ({state.UpgradeApprovedOn}).");
        return [new TieUpgradedToSister(command.UpgradedOn)];
    }

    public static IPartnerCityEvent[] Decide(PartnerCity state, SuspendTie command)
    {
        RequireNotTerminated(state);
        SuspensionRules.RequireNotYetSuspended(state.Status == PartnerCityStatus.Suspended, "tie", state.SuspendedOn);
        Rule.Require(state.Status == PartnerCityStatus.Active, "Only an active tie can be suspended.");
        return [new TieSuspended(command.SuspendedOn, command.Reason.Trim())];
    }

    public static IPartnerCityEvent[] Decide(PartnerCity state, ResumeTie command)
    {
        RequireNotTerminated(state);
        SuspensionRules.RequireResumable(state.Status == PartnerCityStatus.Suspended, "tie", state.SuspendedOn, command.ResumedOn);
        return [new TieResumed(command.ResumedOn)];
    }

    public static IPartnerCityEvent[] Decide(PartnerCity state, TerminateTie command)
    {
        RequireNotTerminated(state);
        var reason = command.Reason.TrimOrNull();
        return [new TieTerminated(command.TerminatedOn, reason)];
    }

    private static void RequireNotTerminated(PartnerCity state) =>
        Rule.RequireNotFinished(state.Status == PartnerCityStatus.Terminated, $"The tie was terminated on {state.TerminatedOn}");
}
