using Diplomacy.Contracts.Exchanges;
using Diplomacy.Exports.Projects;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Messaging;
using Marten;
using Marten.Exceptions;
using MassTransit;

namespace Diplomacy.Exports.Integration;

/// <summary>
/// Opens a lead when a partner city adopted a Seoul policy and intends to procure the solution: exactly one lead
/// per exchange, however often (and under whatever message id) the adoption is delivered. Two guards, both in the
/// database: the message id already handled (<see cref="IdempotentConsumer{TMessage}"/> skips it), and the lead's stream
/// id <see cref="ExportProject.LeadIdFor"/>, which only one copy can take (another copy under another id, a racing
/// copy, or a lead someone posted). The lead is not looked up first: that read was a round trip on every adoption's way
/// to its lead, for the rare copy that the stream id turns away anyway.
/// </summary>
public sealed class PolicyAdoptedWithProcurementIntentConsumer(IDocumentStore store, ILogger<PolicyAdoptedWithProcurementIntentConsumer> logger)
    : IdempotentConsumer<PolicyAdoptedWithProcurementIntent>(store)
{
    /// <summary>The base's consume, with the lead's stream already taken as done: the message changes nothing.</summary>
    public override async Task Consume(ConsumeContext<PolicyAdoptedWithProcurementIntent> context)
    {
        try
        {
            await base.Consume(context);
        }
        catch (ExistingStreamIdCollisionException)
        {
            logger.LogInformation("The lead of exchange {ExchangeId} is already open; message {MessageId} changes nothing.",
                context.Message.ExchangeId, context.MessageId);
            await RecordHandledAsync(context);
        }
    }

    protected override Task Handle(PolicyAdoptedWithProcurementIntent message, IDocumentSession session, ConsumeContext context)
    {
        // A message that breaks the contract (a country or date the contract does not allow) throws: after the
        // retries it lands in the error queue, where it can be inspected, rather than opening a wrong lead.
        var command = new IdentifyLead(
            Solution: message.PolicyTitle,
            ClientCity: message.PartnerCity,
            ClientCountry: CountryCode.Parse(message.PartnerCountry),
            Origin: LeadOrigin.PolicySharing,
            IdentifiedOn: PartialDate.Parse(message.ReportedOn),
            ExchangeId: message.ExchangeId,
            PolicyId: message.PolicyId,
            Note: $"Policy {message.AdoptionLevel} in sector {message.Sector} with intent to procure"
                + (string.IsNullOrWhiteSpace(message.Evidence) ? "." : $"; evidence: {message.Evidence}"));

        session.Events.StartStream<ExportProject>(ExportProject.LeadIdFor(message.ExchangeId), ExportProjectDecisions.Decide(command));
        return Task.CompletedTask;
    }
}
