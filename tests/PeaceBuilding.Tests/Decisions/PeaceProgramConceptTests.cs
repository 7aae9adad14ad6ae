using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.PeaceBuilding.Tests.Decisions.PeaceProgramHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

/// <summary>Registering a program concept.</summary>
public class PeaceProgramConceptTests
{
    [Fact]
    public void Registering_a_concept_starts_the_program_with_its_partners()
    {
        // Compared field by field: the event holds lists, which a record compares by reference.
        var registered = Assert.IsType<ProgramConceptRegistered>(Assert.Single(PeaceProgramDecisions.Decide(new RegisterProgramConcept(
            " Seoul-Pyongyang city-to-city partnership ", ProgramArea.SocioCultural,
            [new ProgramPartner(" Pyongyang ", CountryCode.Parse("KP"), PartnerKind.City), new ProgramPartner("UNICEF", CountryCode.Parse("US"), PartnerKind.Organisation)],
            [" peace and unification education "], D("2016-11"), "15220", [17, 16, 16]))));

        Assert.Equal(PyongyangConcept.Title, registered.Title);
        Assert.Equal(PyongyangConcept.Partners, registered.Partners);
        Assert.Equal(PyongyangConcept.Objectives, registered.Objectives);
        Assert.Equal([16, 17], registered.SdgGoals);
        var program = Given<PeaceProgram>(registered).State;
        Assert.Equal(ProgramStatus.Concept, program.Status);
        Assert.Equal(["Pyongyang", "UNICEF"], program.Partners.Select(p => p.Name));
        Assert.All(program.Partners, p => Assert.Null(p.Contact));
        Assert.Empty(program.Funds);
    }

    public static TheoryData<RegisterProgramConcept, string> InvalidConcepts()
    {
        var valid = new RegisterProgramConcept("Relief", ProgramArea.Humanitarian,
            [new ProgramPartner("Mexico City", CountryCode.Parse("MX"), PartnerKind.City)], ["relief"], D("2017"), "72010", [11]);
        return new()
        {
            { valid with { Title = " " }, "title" },
            { valid with { Area = 0 }, "area" },
            { valid with { Partners = [] }, "partners" },
            { valid with { Partners = [new ProgramPartner("", CountryCode.Parse("MX"), PartnerKind.City)] }, "partners[0].name" },
            { valid with { Partners = [new ProgramPartner("Mexico City", default, PartnerKind.City)] }, "partners[0].country" },
            { valid with { Partners = [new ProgramPartner("Mexico City", CountryCode.Parse("MX"), (PartnerKind)9)] }, "partners[0].kind" },
            { valid with { Partners = [valid.Partners[0], valid.Partners[0] with { Name = "MEXICO CITY" }] }, "partners[1].name" },
            { valid with { Objectives = [] }, "objectives" },
            { valid with { Objectives = ["relief", ""] }, "objectives[1]" },
            { valid with { DacPurposeCode = "1522" }, "dacPurposeCode" },
            { valid with { DacPurposeCode = "1522X" }, "dacPurposeCode" },
            { valid with { SdgGoals = [18] }, "sdgGoals[0]" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidConcepts))]
    public void An_invalid_concept_names_the_wrong_field(RegisterProgramConcept command, string field)
    {
        Assert.Equal(field, Assert.Single(command.Validate()).Field);
    }
}
