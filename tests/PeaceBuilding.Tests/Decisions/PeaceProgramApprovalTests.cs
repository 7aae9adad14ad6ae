using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.PeaceBuilding.Tests.Decisions.PeaceProgramHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

/// <summary>Approving a program: its risk assessment and the contact approvals it needs.</summary>
public class PeaceProgramApprovalTests
{
    private static readonly ProgramApproved ApprovedIn2018 = new(D("2018"), null);

    [Fact]
    public void A_program_with_a_completed_risk_assessment_and_granted_contact_is_approved()
    {
        var program = Given<PeaceProgram>(Concept(Cleared, PyongyangContact))
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2018-11"), " Mayor ")))
            .Then(Approved);

        Assert.Equal(ProgramStatus.Approved, program.Status);
        Assert.Equal(D("2018-11"), program.ApprovedOn);
    }

    [Fact]
    public void No_approval_without_a_risk_assessment() =>
        Given<PeaceProgram>(Concept(PyongyangContact))
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2018"))))
            .ThenRejected("risk");

    [Fact]
    public void No_approval_while_the_sanctions_screening_is_pending()
    {
        var pending = Cleared with { Screening = SanctionsScreening.Pending };
        Given<PeaceProgram>(Concept(pending, PyongyangContact))
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2018"))))
            .ThenRejected("pending");
        // The latest assessment counts: a completed one after a pending one allows approval.
        Given<PeaceProgram>(Concept(pending, Cleared, PyongyangContact))
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2018"))))
            .Then(ApprovedIn2018);
    }

    [Fact]
    public void No_approval_when_the_screening_found_a_sanctions_hit_without_exemption()
    {
        Given<PeaceProgram>(Concept(Cleared with { Screening = SanctionsScreening.Hit }, PyongyangContact))
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2018"))))
            .ThenRejected("sanctions screening");
        Given<PeaceProgram>(Concept(Cleared with { Screening = SanctionsScreening.Exempted }, PyongyangContact))
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2018"))))
            .Then(ApprovedIn2018);
    }

    [Fact]
    public void No_approval_without_a_granted_contact_approval_for_every_partner_in_the_dprk()
    {
        Given<PeaceProgram>(Concept(Cleared))
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2018"))))
            .ThenRejected("Pyongyang");

        Given<PeaceProgram>(Concept(Cleared, new ContactApprovalDenied("Pyongyang", D("2018-09"), null)))
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2018"))))
            .ThenRejected("denied");

        var twoKp = PyongyangConcept with
        {
            Partners = [.. PyongyangConcept.Partners, new ProgramPartner("Kaesong", CountryCode.Parse("KP"), PartnerKind.City)],
        };
        Given<PeaceProgram>(twoKp, Cleared, PyongyangContact)
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2018"))))
            .ThenRejected("Kaesong");
    }

    [Fact]
    public void A_program_without_partners_in_the_dprk_needs_no_contact_approval() =>
        Given<PeaceProgram>(MexicoConcept, Cleared)
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2017"))))
            .Then(new ProgramApproved(D("2017"), null));

    [Fact]
    public void A_later_grant_overrides_an_earlier_denial()
    {
        var program = Given<PeaceProgram>(Concept(Cleared, new ContactApprovalDenied("Pyongyang", D("2018-09"), null)))
            .When(state => PeaceProgramDecisions.Decide(state, new DecideContactApproval("pyongyang", ContactDecision.Granted, D("2018-10"))))
            .Then(PyongyangContact);

        Assert.Equal([new ProgramApproved(D("2018-11"), null)], PeaceProgramDecisions.Decide(program, new ApproveProgram(D("2018-11"))));
    }

    [Fact]
    public void Contact_approval_is_decided_only_for_a_partner_of_the_program() =>
        Given<PeaceProgram>(Concept())
            .When(state => PeaceProgramDecisions.Decide(state, new DecideContactApproval("Kaesong", ContactDecision.Granted, D("2018"))))
            .ThenRejected("not a partner");

    [Fact]
    public void A_program_is_approved_once() =>
        Given<PeaceProgram>(ApprovedProgram())
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2019"))))
            .ThenRejected("already approved");

    [Fact]
    public void A_suspended_program_cannot_be_approved() =>
        Given<PeaceProgram>(Concept(Cleared, PyongyangContact, new ProgramSuspended(SuspensionReason.Political, D("2016-11"), null)))
            .When(state => PeaceProgramDecisions.Decide(state, new ApproveProgram(D("2019"))))
            .ThenRejected("suspended");
}
