using Diplomacy.Membership.Networks;
using Diplomacy.TestSupport;

namespace Diplomacy.Membership.Tests.Decisions;

public sealed class StoredEventNamesTests() : StoredEventNameChecks(typeof(Network).Assembly);
