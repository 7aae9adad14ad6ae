using Diplomacy.Exports.Projects;
using static Diplomacy.Exports.Tests.Decisions.ExportProjectHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Exports.Tests.Decisions;

/// <summary>Signing the contract: never without a submitted proposal, once, and not dated before the step it follows.</summary>
public class ExportContractTests
{
    public static TheoryData<string> StagesWithoutProposal => ["lead", "qualified", "feasibility"];

    [Theory]
    [MemberData(nameof(StagesWithoutProposal))]
    public void No_contract_can_be_signed_without_a_submitted_proposal(string stage)
    {
        var history = stage switch
        {
            "lead" => Lead(),
            "qualified" => Lead(new LeadQualified(D("2010-06"), null)),
            _ => Lead(new FeasibilityStudyCommissioned(StudyKind.Feasibility, D("2010-08"), null)),
        };
        Given<ExportProject>(history)
            .When(state => ExportProjectDecisions.Decide(state, new SignContract(M(1, "USD"), D("2011-07"))))
            .ThenRejected("without a submitted proposal");
    }

    [Fact]
    public void A_contract_is_signed_after_a_proposal_or_a_preferred_bidder_selection()
    {
        var sign = new SignContract(M(176_000_000, "USD"), D("2011-07"), D("2021-07"), [new(" LG CNS ", " lead ")]);

        var (signed, project) = Given<ExportProject>(Proposed())
            .When(state => ExportProjectDecisions.Decide(state, sign))
            .ThenSingle<ContractSigned>();
        Assert.Equal([new ConsortiumMember("LG CNS", "lead")], signed.Consortium);
        Assert.Equal(ExportStatus.Contracted, project.Status);
        Assert.Equal(M(176_000_000, "USD"), project.Value);

        Given<ExportProject>(Proposed(new PreferredBidderSelected(D("2011-05"), null)))
            .When(state => ExportProjectDecisions.Decide(state, sign))
            .ThenSingle<ContractSigned>();
    }

    [Fact]
    public void A_contract_is_signed_once() =>
        Given<ExportProject>(Contracted())
            .When(state => ExportProjectDecisions.Decide(state, new SignContract(M(1, "USD"), D("2012"))))
            .ThenRejected();

    [Fact]
    public void A_step_cannot_be_dated_before_the_step_it_follows()
    {
        Given<ExportProject>(Proposed())
            .When(state => ExportProjectDecisions.Decide(state, new SignContract(M(1, "USD"), D("2010-12"))))
            .ThenRejected();
        Given<ExportProject>(InImplementation())
            .When(state => ExportProjectDecisions.Decide(state, new HandOverSystem(D("2011-06"))))
            .ThenRejected();
        // Partial dates that may overlap are not "certainly before".
        Given<ExportProject>(Proposed())
            .When(state => ExportProjectDecisions.Decide(state, new SignContract(M(1, "USD"), D("2011"))))
            .ThenSingle<ContractSigned>();
    }

    [Fact]
    public void Invalid_amounts_and_terms_name_their_field()
    {
        Assert.Equal("value.amount", Assert.Single(new SubmitProposal(M(0, "USD"), D("2011")).Validate()).Field);
        Assert.Equal("amount.amount", Assert.Single(new ReceivePayment(M(-5, "USD"), D("2011")).Validate()).Field);
        Assert.Equal("termEndsOn", Assert.Single(new SignContract(M(1, "USD"), D("2011-07"), D("2010")).Validate()).Field);
        Assert.Equal("consortium[0].firm", Assert.Single(new SignContract(M(1, "USD"), D("2011"), null, [new(" ", "lead")]).Validate()).Field);
    }
}
