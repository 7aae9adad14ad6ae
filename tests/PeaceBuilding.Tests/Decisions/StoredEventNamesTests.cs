using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.TestSupport;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

public sealed class StoredEventNamesTests() : StoredEventNameChecks(typeof(PeaceProgram).Assembly);
