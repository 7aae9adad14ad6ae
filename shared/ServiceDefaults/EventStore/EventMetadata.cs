using System.Diagnostics;
using Diplomacy.ServiceDefaults.Messaging;
using Diplomacy.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Diplomacy.ServiceDefaults.EventStore;

/// <summary>
/// Stamps who and why on every event a request appends: the user, their department and API client,
/// the trace it belongs to (correlation) and the command that caused it (causation).
/// </summary>
public static class EventMetadata
{
    public const string DepartmentHeader = "department";
    public const string ClientHeader = "client";
    public const string CommandHeader = "command";

    public static void Stamp(IDocumentSession session, HttpContext http, string command)
    {
        var user = http.User;
        // Only from the validated token, never from the request body.
        session.LastModifiedBy = user.Identity?.IsAuthenticated == true
            ? user.FindFirst(PlatformClaims.Subject)?.Value ?? user.FindFirst(PlatformClaims.Name)?.Value ?? user.Identity.Name ?? "unknown"
            : "anonymous";
        session.SetHeader(DepartmentHeader, user.FindFirst(PlatformClaims.Department)?.Value ?? "none");
        session.SetHeader(ClientHeader, user.FindFirst(PlatformClaims.Client)?.Value ?? user.FindFirst("azp")?.Value ?? "none");
        session.SetHeader(CommandHeader, command);

        var activity = Activity.Current;
        session.CorrelationId = activity?.TraceId.ToString() ?? http.TraceIdentifier;
        session.CausationId = $"{command}:{http.TraceIdentifier}";
        if (activity?.Id is { } traceParent) session.SetHeader(OutboxRelay.TraceParentHeader, traceParent);
    }
}
