using Diplomacy.Exports.Projects;
using static Diplomacy.Exports.Tests.Decisions.ExportProjectHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Exports.Tests.Decisions;

/// <summary>Receiving payments: under a contract, and never after the project is closed.</summary>
public class ExportPaymentTests
{
    public static TheoryData<string, bool> PaymentCases => new()
    {
        { "lead", false },
        { "contracted", true },
        { "implementation", true },
        { "handedOver", true },
        { "suspended", true },
        { "closed", false },
        { "lost", false },
        { "cancelled", false },
    };

    [Theory]
    [MemberData(nameof(PaymentCases))]
    public void Payments_are_received_under_a_contract_and_never_after_the_project_is_closed(string stage, bool allowed)
    {
        var history = stage switch
        {
            "lead" => Lead(),
            "contracted" => Contracted(),
            "implementation" => InImplementation(),
            "handedOver" => HandedOver(),
            "suspended" => InImplementation(new ExportSuspended(D("2012"), "elections")),
            "closed" => Closed(),
            "lost" => Lead(new ExportLost(D("2011"), "another bidder", "someone")),
            _ => Contracted(new ExportCancelled(D("2012"), "budget cut")),
        };
        var decided = Given<ExportProject>(history)
            .When(state => ExportProjectDecisions.Decide(state, new ReceivePayment(M(10_000_000, "USD"), D("2014-07"))));
        if (allowed) decided.Then(new PaymentReceived(M(10_000_000, "USD"), D("2014-07"), null));
        else decided.ThenRejected();
    }

    [Fact]
    public void Payments_are_totalled_per_currency()
    {
        var project = Given<ExportProject>(Contracted(
            new PaymentReceived(M(10, "USD"), D("2012"), null),
            new PaymentReceived(M(5, "COP"), D("2012"), null),
            new PaymentReceived(M(7, "USD"), D("2013"), null))).State;
        Assert.Equal([M(17, "USD"), M(5, "COP")], project.PaymentsReceived);
    }

    [Fact]
    public void A_closed_project_refuses_payments_saying_it_is_closed() =>
        Given<ExportProject>(Closed())
            .When(state => ExportProjectDecisions.Decide(state, new ReceivePayment(M(1, "USD"), D("2015"))))
            .ThenRejected("after the project is closed");
}
