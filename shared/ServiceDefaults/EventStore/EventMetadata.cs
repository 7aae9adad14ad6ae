using System.Diagnostics;
using System.Reflection;
using System.Security.Claims;
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

    /// <summary>Who sent a request, from the validated token only, never from the request body.</summary>
    public static string CallerOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirst(PlatformClaims.Subject)?.Value ?? user.FindFirst(PlatformClaims.Name)?.Value ?? user.Identity.Name ?? "unknown"
            : "anonymous";

    public static void Stamp(IDocumentSession session, HttpContext http, string command)
    {
        var user = http.User;
        session.LastModifiedBy = CallerOf(user);
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
        var consumed = Consumed.Of(context, message, Activity.Current);
        session.LastModifiedBy = consumed.User;
        foreach (var (name, value) in consumed.Headers) session.SetHeader(name, value);
        session.CorrelationId = consumed.Correlation;
        session.CausationId = consumed.Causation;
    }

    /// <summary>
    /// The metadata of one consumed message, for a consumer that appends the events of many messages in one session
    /// (each event then carries its own message's, which the session's would overwrite).
    /// </summary>
    public sealed record Consumed(string User, string? Correlation, string? Causation, IReadOnlyList<(string Name, string Value)> Headers)
    {
        /// <summary>
        /// <paramref name="consumeSpan"/> is the message's own consume span, which joined the command's trace (the relay
        /// carries it); a message of a batch has none, and its correlation id (the relay's trace id) stands for it.
        /// </summary>
        public static Consumed Of(ConsumeContext context, Type message, Activity? consumeSpan)
        {
            List<(string, string)> headers = [(DepartmentHeader, "none"), (ClientHeader, PublisherOf(message)), (CommandHeader, message.Name)];
            if (consumeSpan?.Id is { } traceParent) headers.Add((OutboxRelay.TraceParentHeader, traceParent));
            return new($"message:{message.Name}", consumeSpan?.TraceId.ToString() ?? context.CorrelationId?.ToString("N"), context.MessageId?.ToString(), headers);
        }

        public void ApplyTo(JasperFx.Events.IEvent @event)
        {
            @event.UserName = User;
            @event.CorrelationId = Correlation;
            @event.CausationId = Causation;
            foreach (var (name, value) in Headers) @event.SetHeader(name, value);
        }
    }

    private static string PublisherOf(Type message) =>
        message.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString().Split(':') is [_, _, "diplomacy", var service, ..] ? service : "none";
}
