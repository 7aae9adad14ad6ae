using System.Security.Cryptography;
using System.Text;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Diplomacy.Identity;

/// <summary>
/// What OpenIddict leaves to the host in degraded mode (no client store): which clients exist, where they may be
/// redirected, and how a confidential client proves itself. Two kinds: the console (public, authorization code + PKCE,
/// refresh tokens) and the local tools (client credentials with the shared tool secret).
/// </summary>
public static class ClientChecks
{
    public static OpenIddictServerBuilder AddClientChecks(this OpenIddictServerBuilder server, IdentitySettings settings, DevelopmentKeys keys)
    {
        var console = settings.Console;
        server.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
        {
            if (!string.Equals(context.ClientId, console.ClientId, StringComparison.Ordinal))
                context.Reject(Errors.InvalidClient, "Only the console signs users in here.");
            else if (!console.RedirectUris.Contains(context.Request.RedirectUri ?? "", StringComparer.Ordinal))
                context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for the console.");
            return default;
        }));

        server.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
        {
            var request = context.Request;
            if (request.IsClientCredentialsGrantType())
            {
                if (!settings.ToolClients.Contains(context.ClientId ?? "", StringComparer.Ordinal))
                    context.Reject(Errors.InvalidClient, $"Unknown tool client; the tool clients are: {string.Join(", ", settings.ToolClients)}.");
                else if (!SameSecret(context.ClientSecret, keys.ToolSecret))
                    context.Reject(Errors.InvalidClient, "The client secret is wrong.");
            }
            else if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
            {
                // OpenIddict checks that a code or refresh token is redeemed by the client it was issued to.
                if (!string.Equals(context.ClientId, console.ClientId, StringComparison.Ordinal))
                    context.Reject(Errors.InvalidClient, "Only the console redeems codes and refresh tokens.");
            }
            else context.Reject(Errors.UnsupportedGrantType, "Use the authorization code (console) or client credentials (tools).");
            return default;
        }));

        server.AddEventHandler<ValidateEndSessionRequestContext>(b => b.UseInlineHandler(context =>
        {
            if (context.PostLogoutRedirectUri is { } uri && !console.PostLogoutRedirectUris.Contains(uri, StringComparer.Ordinal))
                context.Reject(Errors.InvalidRequest, "The post_logout_redirect_uri is not registered for the console.");
            return default;
        }));
        return server;
    }

    private static bool SameSecret(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
