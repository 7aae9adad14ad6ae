using System.Text.Json;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Names each text field of a bound body that holds a NUL character (<c>\u0000</c>): PostgreSQL's text and jsonb cannot
/// store one, so it would fail in the database, as a 500, instead of at its field. Checked on the body as the API writes
/// it (where a NUL is always the escape <c>\u0000</c>), so one search finds none on almost every request; a converter
/// for every string would hide the type of every text field from the OpenAPI documents.
/// </summary>
public static class NulCharacters
{
    public const string Message = "Must not contain a NUL character.";

    public static IEnumerable<FieldError> ErrorsIn(object body)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), JsonDefaults.Api);
        if (json.AsSpan().IndexOf("\\u0000"u8) < 0) return [];
        var errors = new List<FieldError>();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        Walk(ref reader, "", errors);
        return errors;
    }

    /// <summary>The value the reader is on, named by <paramref name="path"/> as the API names fields ("fee.amount", "partners[0].name").</summary>
    private static void Walk(ref Utf8JsonReader reader, string path, List<FieldError> errors)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    if (HasNul(reader)) errors.Add(new(path.Length == 0 ? "body" : path, Message));
                    reader.Read();
                    Walk(ref reader, path.Length == 0 ? name : $"{path}.{name}", errors);
                }
                break;
            case JsonTokenType.StartArray:
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                    Walk(ref reader, $"{path}[{i}]", errors);
                break;
            case JsonTokenType.String when HasNul(reader):
                errors.Add(new(path.Length == 0 ? "body" : path, Message));
                break;
        }
    }

    // The escape may be a typed backslash followed by "u0000" ("\\u0000"): only the decoded text tells.
    private static bool HasNul(Utf8JsonReader reader) =>
        reader.ValueIsEscaped && reader.ValueSpan.IndexOf("\\u0000"u8) >= 0 && reader.GetString()!.Contains('\0');
}
