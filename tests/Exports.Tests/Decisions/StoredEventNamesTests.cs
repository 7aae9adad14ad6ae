using Diplomacy.Exports.Projects;
using Diplomacy.TestSupport;

namespace Diplomacy.Exports.Tests.Decisions;

public sealed class StoredEventNamesTests() : StoredEventNameChecks(typeof(ExportProject).Assembly);
