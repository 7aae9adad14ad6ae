using System.Text.RegularExpressions;
using Diplomacy.Exports.Projects;

namespace Diplomacy.Exports.Tests.Decisions;

public partial class StoredEventNamesTests
{
    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();

    [Fact]
    public void Every_stored_event_name_is_snake_case_and_unique()
    {
        var names = ExportProject.StoredEventNames.Values.ToList();
        Assert.All(names, name => Assert.Matches(SnakeCase(), name));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(19, names.Count);
    }

    [Fact]
    public void Every_event_record_of_the_aggregate_has_a_stored_name()
    {
        // Events are the sealed records of the namespace that are neither the state, a command, a value kept in state nor a read model.
        string[] values = ["ConsortiumMember", "FeasibilityStudy", "FinancingLine", "Milestone", "Payment", "PostEvaluation", "PipelineStage", "ExportPipeline"];
        var events = typeof(ExportProject).Assembly.GetTypes()
            .Where(type => type.Namespace == "Diplomacy.Exports.Projects")
            .Where(type => type is { IsClass: true, IsSealed: true, IsPublic: true } && type.GetMethod("<Clone>$") is not null)
            .Where(type => type != typeof(ExportProject) && !typeof(Diplomacy.ServiceDefaults.Http.IValidatable).IsAssignableFrom(type))
            .Where(type => !values.Contains(type.Name))
            .ToList();

        Assert.Equal(ExportProject.StoredEventNames.Keys.OrderBy(type => type.Name), events.OrderBy(type => type.Name));
    }
}
