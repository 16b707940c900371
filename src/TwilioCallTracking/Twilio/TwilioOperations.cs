using System.Text;

namespace TwilioCallTracking;

/// <summary>
/// Names a Twilio REST request for spans and metrics from its method and path alone: <c>calls.create</c>,
/// <c>calls.fetch</c>, <c>calls.list</c>, <c>recordings.fetch</c>, <c>accounts.fetch</c>, <c>incoming_phone_numbers.update</c>…
/// (the resource in snake case, then <c>list</c>/<c>create</c> on a collection, <c>fetch</c>/<c>update</c>/<c>delete</c> on
/// one resource); <c>other</c> for a path outside <c>/2010-04-01/Accounts/</c>. The URL itself is never a tag.
/// </summary>
internal static class TwilioOperations
{
    public const string Other = "other";

    /// <summary>The operation, and the call SID when the request is about one call.</summary>
    public static (string Operation, string? CallSid) Of(HttpMethod method, Uri? uri)
    {
        if (uri is null)
        {
            return (Other, null);
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var accounts = Array.IndexOf(segments, "Accounts");
        if (accounts < 1 || segments[accounts - 1] != "2010-04-01" || accounts + 1 >= segments.Length)
        {
            return (Other, null);
        }

        // After /Accounts/: "AC….json" (the account), "AC…/Calls.json" (a collection), "AC…/Calls/CA….json" (one resource).
        var resources = segments.AsSpan(accounts + 1);
        var last = WithoutExtension(resources[^1]);
        var isOne = resources.Length == 1 || TwilioSids.IsAnySid(last);
        var resource = resources.Length == 1 ? "accounts" : SnakeCase(WithoutExtension(isOne ? resources[^2] : resources[^1]));
        var verb = (isOne, method.Method) switch
        {
            (false, "GET") => "list",
            (false, "POST") => "create",
            (true, "GET") => "fetch",
            (true, "POST") => "update",
            (true, "DELETE") => "delete",
            _ => method.Method.ToLowerInvariant(),
        };
        var callSid = isOne && resource == "calls" && TwilioSids.IsCallSid(last) ? last : null;
        return ($"{resource}.{verb}", callSid);
    }

    private static string WithoutExtension(string segment)
    {
        var dot = segment.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? segment : segment[..dot];
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
