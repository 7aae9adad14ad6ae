using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.Membership.Tests.Decisions.PartnerCityHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Membership.Tests.Decisions;

/// <summary>Proposing a tie, and a sister tie's way from proposal through council approval to its agreement.</summary>
public class PartnerCityProposalTests
{
    [Fact]
    public void Proposing_a_tie_starts_it_as_proposed()
    {
        var proposed = Assert.IsType<TieProposed>(Assert.Single(PartnerCityDecisions.Decide(
            new ProposeTie(" Hanoi ", CountryCode.Parse("VN"), Jurisdiction.City, TieType.Sister, D("1996")))));

        Assert.Equal(HanoiProposed, proposed);
        var tie = Given<PartnerCity>(proposed).State;
        Assert.Equal(PartnerCityStatus.Proposed, tie.Status);
        Assert.Equal("Hanoi", tie.City);
        Assert.Equal("VN", tie.Country.Value);
        Assert.Equal(Jurisdiction.City, tie.Jurisdiction);
        Assert.Equal(TieType.Sister, tie.Tie);
        Assert.Equal(D("1996"), tie.ProposedOn);
        Assert.Null(tie.AgreementSignedOn);
        Assert.Null(tie.CouncilApprovedOn);
    }

    [Fact]
    public void An_invalid_proposal_names_the_wrong_field()
    {
        var valid = new ProposeTie("New South Wales", CountryCode.Parse("AU"), Jurisdiction.State, TieType.Sister, D("1991"));

        Assert.Empty(valid.Validate());
        Assert.Equal("city", Assert.Single((valid with { City = " " }).Validate()).Field);
        Assert.Equal("country", Assert.Single((valid with { Country = default }).Validate()).Field);
        Assert.Equal("jurisdiction", Assert.Single((valid with { Jurisdiction = 0 }).Validate()).Field);
        Assert.Equal("tie", Assert.Single((valid with { Tie = (TieType)7 }).Validate()).Field);
    }

    [Fact]
    public void A_sister_tie_with_council_approval_becomes_active_when_its_agreement_is_signed()
    {
        var proposed = PartnerCityDecisions.Decide(
            new ProposeTie("Hanoi", CountryCode.Parse("VN"), Jurisdiction.City, TieType.Sister, D("1996")));
        Assert.Equal(PartnerCityStatus.Proposed, Given<PartnerCity>(proposed).State.Status);

        var approved = Given<PartnerCity>(proposed)
            .When(tie => PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("1996-04"))))
            .Then(AgreementApproved);
        Assert.Equal(D("1996-04"), approved.CouncilApprovedOn);

        var signed = Given<PartnerCity>([.. proposed, AgreementApproved])
            .When(tie => PartnerCityDecisions.Decide(tie, new SignAgreement(D("1996-05"))))
            .Then(new AgreementSigned(D("1996-05")));
        Assert.Equal(PartnerCityStatus.Active, signed.Status);
        Assert.Equal(D("1996-05"), signed.AgreementSignedOn);
    }
}
