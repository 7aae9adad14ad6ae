using System.Text.Json;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>JSON binding errors name the field a caller got wrong, in the caller's own camelCase path.</summary>
public sealed class ProblemFieldNamesTests
{
    private sealed record Fee(decimal Amount, CurrencyCode Currency);
    private sealed record Command(string Name, CountryCode Country, PartialDate On, Fee Fee, string? Note = null);

    private static readonly JsonSerializerOptions Options = JsonDefaults.Create();

    private static string[] FieldsOf(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Command>(json, Options));
        return ProblemDetailsExceptionHandler.FieldErrorsOf(error).Select(e => e.Field).ToArray();
    }

    [Theory]
    [InlineData("""{"name":"x","country":"ZZ","on":"2020","fee":{"amount":1,"currency":"USD"}}""", "country")]
    [InlineData("""{"name":"x","country":"KR","on":"2020-02-30","fee":{"amount":1,"currency":"USD"}}""", "on")]
    [InlineData("""{"name":"x","country":"KR","on":"2020","fee":{"amount":"one","currency":"USD"}}""", "fee.amount")]
    [InlineData("""{"name":"x","country":"KR","on":"2020","fee":{"amount":1,"currency":"usd"}}""", "fee.currency")]
    [InlineData("""{"name":null,"country":"KR","on":"2020","fee":{"amount":1,"currency":"USD"}}""", "name")]
    [InlineData("""{"name":"x","country":"KR","on":"2020","fee":{"amount":1}}""", "fee.currency")]
    [InlineData("""{"name":"x","country":"KR","on":"2020","fee":{"amount":1,"currency":"USD"}""", "body")]
    [InlineData("""<xml/>""", "body")]
    public void A_binding_error_names_the_field(string json, string field) => Assert.Contains(field, FieldsOf(json));

    [Fact]
    public void Every_missing_required_field_is_named() =>
        Assert.Equal(["country", "name", "on"], FieldsOf("""{"fee":{"amount":1,"currency":"USD"}}""").Order());

    [Fact]
    public void Optional_fields_may_be_left_out()
    {
        var command = JsonSerializer.Deserialize<Command>("""{"name":"x","country":"KR","on":"2020-05","fee":{"amount":1,"currency":"USD"}}""", Options);
        Assert.Null(command!.Note);
        Assert.Equal("2020-05", command.On.ToString());
    }
}
