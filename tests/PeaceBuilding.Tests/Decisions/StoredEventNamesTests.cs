using System.Text.RegularExpressions;
using Diplomacy.PeaceBuilding.Programs;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

public partial class StoredEventNamesTests
{
    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();

    [Fact]
    public void Every_stored_event_name_is_snake_case_and_unique()
    {
        var names = PeaceProgram.StoredEventNames.Values.ToList();

        Assert.All(names, name => Assert.Matches(SnakeCase(), name));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(16, names.Count);
    }

    [Fact]
    public void Every_event_record_has_a_stored_name()
    {
        // Events are the sealed records of the namespace that are neither the state, a command, a value kept in state nor a read model.
        string[] values = ["ProgramPartner", "PartnerStanding", "Consultation", "RiskAssessment", "FundBalance", "Delivery", "Suspension", "Bid", "Evaluation",
            "FundLine", "ProgramFunds", "PartnerLine", "SuspendedProgram", "SuspendedPrograms"];
        var events = typeof(PeaceProgram).Assembly.GetTypes()
            .Where(type => type.Namespace == "Diplomacy.PeaceBuilding.Programs")
            .Where(type => type is { IsClass: true, IsSealed: true, IsPublic: true } && type.GetMethod("<Clone>$") is not null)
            .Where(type => type != typeof(PeaceProgram) && !typeof(Diplomacy.ServiceDefaults.Http.IValidatable).IsAssignableFrom(type))
            .Where(type => !values.Contains(type.Name))
            .ToList();

        Assert.Equal(PeaceProgram.StoredEventNames.Keys.OrderBy(type => type.Name), events.OrderBy(type => type.Name));
    }
}
