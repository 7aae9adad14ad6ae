using System.Text.Json;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Writes documents as the store holds them (PostgreSQL's <c>jsonb</c> text) in the API's form: compact, with the
/// same string escaping, and without the null properties the API leaves out (<see cref="JsonDefaults.Apply"/>).
/// Copying tokens costs a fraction of reading each document into its type and serialising it again.
/// </summary>
public static class StoredJson
{
    /// <summary>Copies stored JSON (a document, or an array of them) to <paramref name="writer"/>.</summary>
    public static void Copy(ReadOnlySpan<byte> stored, Utf8JsonWriter writer)
    {
        var reader = new Utf8JsonReader(stored);
        // A property's name waits until its value is read: a null value drops both.
        var name = ReadOnlySpan<byte>.Empty;
        string? escapedName = null;
        var named = false;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token == JsonTokenType.PropertyName)
            {
                name = reader.ValueSpan;
                escapedName = reader.ValueIsEscaped ? reader.GetString() : null;
                named = true;
                continue;
            }
            if (named)
            {
                named = false;
                if (token == JsonTokenType.Null) continue;
                if (escapedName is not null) writer.WritePropertyName(escapedName);
                else writer.WritePropertyName(name);
            }
            switch (token)
            {
                case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                case JsonTokenType.String when reader.ValueIsEscaped: writer.WriteStringValue(reader.GetString()); break;
                case JsonTokenType.String: writer.WriteStringValue(reader.ValueSpan); break;
                case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                case JsonTokenType.True: writer.WriteBooleanValue(true); break;
                case JsonTokenType.False: writer.WriteBooleanValue(false); break;
                case JsonTokenType.Null: writer.WriteNullValue(); break;
            }
        }
    }
}
