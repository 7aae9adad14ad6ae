using System.Diagnostics;
using System.Reflection;
using Diplomacy.ServiceDefaults.Messaging;
using Diplomacy.ServiceDefaults.Security;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Http;

namespace Diplomacy.ServiceDefaults.EventStore;

/// <summary>
/// Stamps who and why on every event a request or a message appends: the user, their department and API client,
/// the trace it belongs to (correlation) and the command or message that caused it (causation).
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

    /// <summary>
    /// For events a consumer appends: no user or department sent it, the publishing service (named by the contract's
    /// <c>[MessageUrn("diplomacy:{service}:...")]</c>) is the client, and the message id is the cause.
    /// </summary>
    public static void Stamp(IDocumentSession session, ConsumeContext context, Type message)
    {
        session.LastModifiedBy = $"message:{message.Name}";
        session.SetHeader(DepartmentHeader, "none");
        session.SetHeader(ClientHeader, PublisherOf(message));
        session.SetHeader(CommandHeader, message.Name);

        // The consumer's span joined the trace of the command that published the message (the relay carries it).
        var activity = Activity.Current;
        session.CorrelationId = activity?.TraceId.ToString() ?? context.CorrelationId?.ToString("N");
        session.CausationId = context.MessageId?.ToString();
        if (activity?.Id is { } traceParent) session.SetHeader(OutboxRelay.TraceParentHeader, traceParent);
    }

    private static string PublisherOf(Type message) =>
        message.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString().Split(':') is [_, _, "diplomacy", var service, ..] ? service : "none";
}
