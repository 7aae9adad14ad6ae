using System.Text;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.ServiceDefaults.Tests;

public sealed class StoredJsonTests
{
    private static string Copy(string stored)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonDefaults.Api.Encoder }))
            StoredJson.Copy(Encoding.UTF8.GetBytes(stored), writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Null_properties_are_left_out_at_every_depth_and_nulls_in_arrays_stay() =>
        Assert.Equal("""[{"a":1,"c":{"e":[null,2]},"f":[{"h":true}]},{}]""",
            Copy("""[{"a": 1, "b": null, "c": {"d": null, "e": [null, 2]}, "f": [{"g": null, "h": true}]}, {"x": null}]"""));

    [Fact]
    public void Strings_and_names_are_escaped_as_the_api_escapes_them()
    {
        var value = new Dictionary<string, object> { ["na\"me"] = "서울 \"Seoul\"\n<City> \\ é", ["n"] = 1.50m, ["ok"] = false };
        // The store's text: PostgreSQL writes non-ASCII as it is and escapes only what JSON requires.
        const string stored = """{"n": 1.50, "ok": false, "na\"me": "서울 \"Seoul\"\n<City> \\ é"}""";
        var api = JsonSerializer.Serialize(value, JsonDefaults.Api);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(api).RootElement, JsonDocument.Parse(Copy(stored)).RootElement));
        Assert.Equal("""{"n":1.50,"ok":false,"na\u0022me":"\uC11C\uC6B8 \u0022Seoul\u0022\n\u003CCity\u003E \\ \u00E9"}""", Copy(stored));
        Assert.Contains("\\uC11C\\uC6B8 \\u0022Seoul\\u0022\\n\\u003CCity\\u003E", api);
    }

    [Fact]
    public void Numbers_keep_their_stored_digits() =>
        Assert.Equal("""{"big":12345678901234567890.125,"small":-0.000001}""", Copy("""{"big": 12345678901234567890.125, "small": -0.000001}"""));
}
