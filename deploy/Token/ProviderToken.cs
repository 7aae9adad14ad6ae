using System.Text.Json;

namespace Diplomacy.Token;

/// <summary>What a local tool asks deploy/Identity for: a token acting as <paramref name="User"/> in a role and department.</summary>
public sealed record ToolTokenRequest(string Client, string Secret, string Role, string? Department, string User, int Minutes);

/// <summary>The client-credentials grant against the provider's token endpoint, found through its discovery document.</summary>
public static class ProviderToken
{
    public static async Task<(string? Token, string? Error)> RequestAsync(Uri authority, ToolTokenRequest request)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var discovery = new Uri(authority.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration");
        using var metadata = JsonDocument.Parse(await http.GetStringAsync(discovery));
        var endpoint = metadata.RootElement.GetProperty("token_endpoint").GetString()
            ?? throw new InvalidOperationException($"{discovery} names no token_endpoint.");

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = request.Client,
            ["client_secret"] = request.Secret,
            ["role"] = request.Role,
            ["user"] = request.User,
            ["minutes"] = request.Minutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrWhiteSpace(request.Department)) form["department"] = request.Department;
        using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(form));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (response.IsSuccessStatusCode && body.RootElement.TryGetProperty("access_token", out var token))
            return (token.GetString(), null);
        var error = body.RootElement.TryGetProperty("error_description", out var d) ? d.GetString() : body.RootElement.ToString();
        return (null, error);
    }
}
