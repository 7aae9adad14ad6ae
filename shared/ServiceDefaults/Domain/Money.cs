using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplomacy.ServiceDefaults.Domain;

/// <summary>An amount in one ISO 4217 currency. Amounts in different currencies are never added silently.</summary>
public sealed record Money(decimal Amount, CurrencyCode Currency)
{
    public override string ToString() => $"{Amount} {Currency}";
}

/// <summary>An active ISO 4217 currency code, upper case ("KRW", "USD").</summary>
[JsonConverter(typeof(CurrencyCodeJsonConverter))]
public readonly record struct CurrencyCode
{
    public string Value { get; }

    private CurrencyCode(string value) => Value = value;

    public static bool TryParse(string? text, out CurrencyCode code)
    {
        code = default;
        if (text is null || !Active.Contains(text)) return false;
        code = new CurrencyCode(text);
        return true;
    }

    public static CurrencyCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an ISO 4217 currency code.");

    public override string ToString() => Value;

    private static readonly FrozenSet<string> Active = (
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF " +
        "CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF " +
        "IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK " +
        "MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR " +
        "SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES " +
        "VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG").Split(' ').ToFrozenSet(StringComparer.Ordinal);
}

public sealed class CurrencyCodeJsonConverter : JsonConverter<CurrencyCode>
{
    public override CurrencyCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && CurrencyCode.TryParse(reader.GetString(), out var code)
            ? code
            : throw new JsonException("Must be an ISO 4217 currency code in upper case, such as \"KRW\".");

    public override void Write(Utf8JsonWriter writer, CurrencyCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
