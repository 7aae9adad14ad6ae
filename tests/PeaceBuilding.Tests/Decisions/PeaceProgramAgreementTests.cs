using Diplomacy.PeaceBuilding.Programs;
using static Diplomacy.PeaceBuilding.Tests.Decisions.PeaceProgramHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

/// <summary>Signing an agreement with a partner of the program.</summary>
public class PeaceProgramAgreementTests
{
    [Fact]
    public void An_agreement_is_signed_once_per_partner()
    {
        var signed = new PartnerAgreementSigned("UNICEF", D("2019"), "MoU");

        Given<PeaceProgram>(ApprovedProgram())
            .When(state => PeaceProgramDecisions.Decide(state, new SignPartnerAgreement("unicef", D("2019"), "MoU")))
            .Then(signed);
        Given<PeaceProgram>(ApprovedProgram(signed))
            .When(state => PeaceProgramDecisions.Decide(state, new SignPartnerAgreement("UNICEF", D("2020"))))
            .ThenRejected("already signed");
        Given<PeaceProgram>(ApprovedProgram())
            .When(state => PeaceProgramDecisions.Decide(state, new SignPartnerAgreement("Kaesong", D("2020"))))
            .ThenRejected("not a partner");
    }
}
