using Diplomacy.Portfolio.Goals;
using Diplomacy.TestSupport;

namespace Diplomacy.Portfolio.Tests.Decisions;

public sealed class StoredEventNamesTests() : StoredEventNameChecks(typeof(Goal).Assembly);
