using System.Security.Cryptography;
using System.Text;
using TwilioCallTracking;

namespace TwilioCallTracking;

/// <summary>
/// Builds the key that identifies one delivery of a webhook, so that a retried or duplicated delivery is recognised
/// and adds no second event. Twilio numbers status callbacks with <c>SequenceNumber</c>; where there is none, the
/// whole payload identifies the delivery.
/// </summary>
internal static class DeduplicationKeys
{
    /// <summary>The key of a status callback: call SID, status, then the sequence number or a hash of the payload.</summary>
    public static string ForStatus(string callSid, string rawStatus, int? sequenceNumber, TwilioRequestParameters parameters) =>
        sequenceNumber is { } sequence
            ? $"status:{callSid}:{rawStatus}:seq:{sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : $"status:{callSid}:{rawStatus}:{Hash(parameters)}";

    /// <summary>The key of a recording callback: call SID, recording SID and recording status.</summary>
    public static string ForRecording(string callSid, string? recordingSid, string recordingStatus) =>
        $"recording:{callSid}:{recordingSid}:{recordingStatus}";

    /// <summary>The key of any other webhook (answer, Dial action): its kind and a hash of the payload.</summary>
    public static string ForPayload(string kind, string callSid, TwilioRequestParameters parameters) =>
        $"{kind}:{callSid}:{Hash(parameters)}";

    /// <summary>A key that never collides: for events this library writes itself.</summary>
    public static string Unique(string kind) => $"{kind}:{Guid.NewGuid():N}";

    /// <summary>SHA-256 of the parameters sorted by name (ordinal) then value, as lowercase hex (first 32 digits).</summary>
    public static string Hash(TwilioRequestParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder();
        foreach (var pair in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            builder.Append(pair.Key).Append('\u001f').Append(pair.Value).Append('\u001e');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
