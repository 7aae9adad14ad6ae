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
/// per exchange, however often (and under whatever message id) the adoption is delivered. Three guards, from the
/// cheapest: the message id already handled (<see cref="IdempotentConsumer{TMessage}"/> skips it); a lead for the
/// exchange already there (another copy was handled, or someone posted it); and, for two copies racing, the
/// stream id <see cref="ExportProject.LeadIdFor"/> that the database lets only one of them take.
/// </summary>
public sealed class PolicyAdoptedWithProcurementIntentConsumer(IDocumentStore store, ILogger<PolicyAdoptedWithProcurementIntentConsumer> logger)
    : IdempotentConsumer<PolicyAdoptedWithProcurementIntent>(store)
{
    /// <summary>The base's consume, with a lost race for the lead's stream taken as done: the other copy opened it.</summary>
    public override async Task Consume(ConsumeContext<PolicyAdoptedWithProcurementIntent> context)
    {
        try
        {
            await base.Consume(context);
        }
        catch (ExistingStreamIdCollisionException)
        {
            logger.LogInformation("The lead of exchange {ExchangeId} was opened by another copy of message {MessageId}; acknowledged.",
                context.Message.ExchangeId, context.MessageId);
        }
    }

    protected override async Task Handle(PolicyAdoptedWithProcurementIntent message, IDocumentSession session, ConsumeContext context)
    {
        var id = ExportProject.LeadIdFor(message.ExchangeId);
        if (await session.Events.FetchStreamStateAsync(id, context.CancellationToken) is not null)
        {
            logger.LogInformation("The lead of exchange {ExchangeId} is already open ({ProjectId}); message {MessageId} changes nothing.",
                message.ExchangeId, id, context.MessageId);
            return;
        }

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

        session.Events.StartStream<ExportProject>(id, ExportProjectDecisions.Decide(command));
    }
}
