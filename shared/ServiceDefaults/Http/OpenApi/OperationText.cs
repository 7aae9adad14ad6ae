using System.Text;

namespace Diplomacy.ServiceDefaults.Http.OpenApi;

/// <summary>Summaries and descriptions of operations from their names and shapes: "GrantCouncilApproval" reads "Grant council approval".</summary>
internal static class OperationText
{
    public static string Summary(string operationId) => Sentence(operationId);

    public static string Description(Route route)
    {
        var state = route.StateName is { } name ? Sentence(name).ToLowerInvariant() : "initiative";
        if (route.IsCreate)
            return $"{Summary(route)}: starts a new {state} and answers 201 with its state, its address as Location and its version as ETag.";
        if (route.IsStreamCommand)
            return $"{Summary(route)} on the {state} with this id. The command is decided on the version If-Match names (or the current one) " +
                   "and appended atomically; the answer is the new state with its version as ETag. Nothing is appended on an error answer.";
        if (route.IsGetState)
            return $"The current state of the {state} with its version as ETag; with version or asOf (auditors), the state as it was then, " +
                   "replayed from its events.";
        var paged = route.Operation.Parameters?.Any(p => p.Name == "pageSize") == true ? " Paged with page and pageSize." : "";
        return $"{Summary(route)} ({route.Method.Method} {route.Path}).{paged}";
    }

    private static string Summary(Route route) => route.Operation.Summary ?? Sentence(route.Operation.OperationId ?? route.Path);

    /// <summary>"ProposeTie" -> "Propose tie"; an acronym stays whole ("ExportEvents", "VerifyAllStreams").</summary>
    private static string Sentence(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var wordStart = i > 0 && char.IsUpper(c) && (char.IsLower(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1])));
            if (wordStart) text.Append(' ');
            text.Append(i > 0 && wordStart ? char.ToLowerInvariant(c) : c);
        }
        return text.ToString();
    }
}
