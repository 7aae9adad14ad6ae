using Diplomacy.Exchanges.Policies;
using Diplomacy.TestSupport;

namespace Diplomacy.Exchanges.Tests.Decisions;

public sealed class StoredEventNamesTests() : StoredEventNameChecks(typeof(Policy).Assembly);
