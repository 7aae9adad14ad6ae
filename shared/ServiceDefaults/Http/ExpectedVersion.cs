using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>The stream version as an entity tag: <c>ETag: "3"</c> out, <c>If-Match: "3"</c> in.</summary>
public static class ExpectedVersion
{
    public static readonly FieldError Malformed = new("If-Match", "Must be the ETag of the version you read, such as \"3\".");

    public static string ToETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version named by If-Match, null when the header is absent or "*".
    /// A header that names no version is a client error, reported as the field "If-Match".
    /// </summary>
    public static bool TryRead(HttpRequest request, out long? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*") return true;
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        var unquoted = header.Trim('"');
        if (!long.TryParse(unquoted, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1) return false;
        version = parsed;
        return true;
    }
}
