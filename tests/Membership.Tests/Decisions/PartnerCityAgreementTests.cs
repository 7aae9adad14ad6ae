using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Membership.Tests.Decisions;

/// <summary>The agreement of a tie and the memorandum of understanding that may precede it.</summary>
public class PartnerCityAgreementTests
{
    private static PartialDate D(string text) => PartialDate.Parse(text);

    private static readonly TieProposed HanoiProposed = new("Hanoi", CountryCode.Parse("VN"), Jurisdiction.City, TieType.Sister, D("1996"));
    private static readonly TieProposed HokkaidoProposed = new("Hokkaido", CountryCode.Parse("JP"), Jurisdiction.Prefecture, TieType.Friendship, D("2010"));
    private static readonly CouncilApprovalGranted AgreementApproved = new(D("1996-04"), CouncilApprovalPurpose.Agreement);

    // ---- agreement

    [Fact]
    public void A_sister_tie_needs_council_approval_before_its_agreement_is_signed() =>
        Given<PartnerCity>(HanoiProposed)
            .When(tie => PartnerCityDecisions.Decide(tie, new SignAgreement(D("1996-05"))))
            .ThenRejected("council");

    [Fact]
    public void A_sister_tie_agreement_cannot_be_dated_before_the_council_approved_it()
    {
        Given<PartnerCity>(HanoiProposed, AgreementApproved)
            .When(tie => PartnerCityDecisions.Decide(tie, new SignAgreement(D("1996-03"))))
            .ThenRejected();
        Given<PartnerCity>(HanoiProposed, AgreementApproved)
            .When(tie => PartnerCityDecisions.Decide(tie, new SignAgreement(D("1996"))))
            .Then(new AgreementSigned(D("1996")));
    }

    [Fact]
    public void A_friendship_tie_needs_no_council_approval() =>
        Given<PartnerCity>(HokkaidoProposed)
            .When(tie => PartnerCityDecisions.Decide(tie, new SignAgreement(D("2010"))))
            .Then(new AgreementSigned(D("2010")));

    // ---- memorandum of understanding

    [Fact]
    public void A_memorandum_of_understanding_can_be_signed_while_the_tie_is_proposed()
    {
        var tie = Given<PartnerCity>(HanoiProposed)
            .When(state => PartnerCityDecisions.Decide(state, new SignMou(D("1995-11"))))
            .Then(new MouSigned(D("1995-11")));

        Assert.Equal(D("1995-11"), tie.MouSignedOn);
        Assert.Equal(PartnerCityStatus.Proposed, tie.Status);
    }

    [Fact]
    public void A_memorandum_of_understanding_cannot_be_signed_twice() =>
        Given<PartnerCity>(HanoiProposed, new MouSigned(D("1995")))
            .When(tie => PartnerCityDecisions.Decide(tie, new SignMou(D("1996"))))
            .ThenRejected();
}
