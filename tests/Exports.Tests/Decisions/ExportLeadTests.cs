using Diplomacy.Exports.Projects;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.Exports.Tests.Decisions.ExportProjectHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Exports.Tests.Decisions;

/// <summary>Identifying a lead and the feasibility studies before a proposal.</summary>
public class ExportLeadTests
{
    [Fact]
    public void Identifying_a_lead_opens_it_at_the_lead_stage()
    {
        var lead = Assert.IsType<LeadIdentified>(Assert.Single(ExportProjectDecisions.Decide(new IdentifyLead(
            " Fare collection and fleet control ", " Bogota ", CountryCode.Parse("CO"), LeadOrigin.MultilateralBank, D("2010")))));

        Assert.Equal(BogotaLead, lead);
        var project = Given<ExportProject>(lead).State;
        Assert.Equal(ExportStatus.Lead, project.Status);
        Assert.Equal("CO", project.ClientCountry.Value);
        Assert.Null(project.ExchangeId);
        Assert.False(project.IsTerminal);
    }

    public static TheoryData<IdentifyLead, string> InvalidLeads
    {
        get
        {
            var valid = new IdentifyLead("Transit card", "Lima", CountryCode.Parse("PE"), LeadOrigin.OdaChallenge, D("2024"));
            return new()
            {
                { valid with { Solution = " " }, "solution" },
                { valid with { ClientCity = "" }, "clientCity" },
                { valid with { ClientCountry = default }, "clientCountry" },
                { valid with { Origin = 0 }, "origin" },
                { valid with { Origin = LeadOrigin.PolicySharing }, "exchangeId" },
                { valid with { ExchangeId = Guid.NewGuid() }, "exchangeId" },
                { valid with { PolicyId = Guid.NewGuid() }, "policyId" },
                { valid with { EstimatedValue = M(-1, "KRW") }, "estimatedValue.amount" },
                { valid with { Note = new string('x', 501) }, "note" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(InvalidLeads))]
    public void An_invalid_lead_names_the_wrong_field(IdentifyLead command, string field) =>
        Assert.Equal(field, Assert.Single(command.Validate()).Field);

    [Fact]
    public void A_lead_from_policy_sharing_names_its_exchange()
    {
        var exchange = Guid.NewGuid();
        var command = new IdentifyLead("Transit card", "Ulaanbaatar", CountryCode.Parse("MN"), LeadOrigin.PolicySharing, D("2014"), exchange);
        Assert.Empty(command.Validate());
        Assert.Equal(exchange, Given<ExportProject>(ExportProjectDecisions.Decide(command)).State.ExchangeId);
    }

    [Fact]
    public void The_lead_of_an_exchange_has_one_stream_id_per_exchange()
    {
        var exchange = Guid.NewGuid();
        Assert.Equal(ExportProject.LeadIdFor(exchange), ExportProject.LeadIdFor(exchange));
        Assert.NotEqual(ExportProject.LeadIdFor(exchange), ExportProject.LeadIdFor(Guid.NewGuid()));
    }

    [Fact]
    public void A_study_is_completed_only_when_one_of_its_kind_is_open()
    {
        Given<ExportProject>(Lead())
            .When(state => ExportProjectDecisions.Decide(state, new CompleteFeasibilityStudy(StudyKind.Feasibility, FeasibilityResult.Feasible, D("2011"))))
            .ThenRejected();
        var open = Given<ExportProject>(Lead(new FeasibilityStudyCommissioned(StudyKind.Feasibility, D("2010-06"), null)));
        open.When(state => ExportProjectDecisions.Decide(state, new CommissionFeasibilityStudy(StudyKind.Feasibility, D("2010-07"))))
            .ThenRejected();
        open.When(state => ExportProjectDecisions.Decide(state, new CompleteFeasibilityStudy(StudyKind.Feasibility, FeasibilityResult.Feasible, D("2010-05"))))
            .ThenRejected();
    }
}
