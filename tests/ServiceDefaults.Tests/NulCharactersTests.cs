using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>Each text field of a body with a NUL character is named as the API names fields, nested and in lists.</summary>
public sealed class NulCharactersTests
{
    private sealed record Partner(string Name, string? Country);

    private sealed record Program(string Title, IReadOnlyList<Partner> Partners, IReadOnlyList<string> Objectives, IReadOnlyDictionary<string, string> Notes);

    [Fact]
    public void Every_text_with_a_nul_is_named_by_its_path()
    {
        var body = new Program("Relief\0", [new("Mexico City", "MX"), new("Bogo\0ta", null)], ["ok", "\0"], new Dictionary<string, string> { ["k\0"] = "v" });

        var fields = NulCharacters.ErrorsIn(body).Select(e => e.Field).ToList();

        Assert.Equal(["title", "partners[1].name", "objectives[1]", "notes"], fields);
        Assert.All(NulCharacters.ErrorsIn(body), e => Assert.Equal(NulCharacters.Message, e.Message));
    }

    [Fact]
    public void A_body_without_a_nul_has_no_error()
    {
        var body = new Program("Relief \\u0000 as typed", [new("Mexico City", "MX")], ["ok"], new Dictionary<string, string> { ["k"] = "v" });

        Assert.Empty(NulCharacters.ErrorsIn(body));
    }
}
