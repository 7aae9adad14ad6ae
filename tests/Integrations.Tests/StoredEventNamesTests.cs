using Diplomacy.Integrations.Webhooks;
using Diplomacy.TestSupport;

namespace Diplomacy.Integrations.Tests;

public sealed class StoredEventNamesTests() : StoredEventNameChecks(typeof(WebhookSubscription).Assembly);
