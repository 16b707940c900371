using TwilioCallTracking.Testing;

namespace TwilioCallTracking.LoadTest;

/// <summary>One webhook as Twilio would post it: path and query, the form body and its signature.</summary>
internal sealed record Webhook(string PathAndQuery, byte[] Body, string Signature, int CallIndex, bool IsDuplicate);

/// <summary>A call of the workload and what its final row must say.</summary>
internal sealed record PlannedCall(Guid Id, string Sid, string To, int Duration, string RecordingSid, int RecordingDuration);

/// <summary>The tenant every webhook belongs to.</summary>
internal sealed record LoadTenant(string TenantId, string AccountSid, string AuthToken, string PhoneNumber, string ForwardToNumber);

/// <summary>
/// The webhooks of <c>calls</c> outbound calls, generated with a fixed seed: per call its real sequence (status
/// initiated, ringing, in-progress, completed with the duration, then the recording's completed callback = 5 unique
/// webhooks), plus exact copies of 10 % of them (Twilio retrying), the call's webhooks partly shuffled (each adjacent
/// pair swapped with probability 0.3, copies placed anywhere after their original), and the calls interleaved in
/// windows of 64 so many calls are in flight at once, as in a busy call centre.
/// </summary>
internal static class Workload
{
    public const int UniquePerCall = 5;
    public const double DuplicateShare = 0.10;

    public static (PlannedCall[] Calls, Webhook[] Webhooks) Generate(
        LoadTenant tenant, int calls, int seed, string baseUrl, Func<string, string> route)
    {
        var random = new Random(seed);
        var planned = new PlannedCall[calls];
        var perCall = new List<Webhook>[calls];
        var timestamp = new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < calls; i++)
        {
            var id = NewGuid(random);
            var sid = "CA" + Hex(random);
            var to = "+1415555" + (1000 + (i % 9000)).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var call = planned[i] = new PlannedCall(id, sid, to, 30 + random.Next(600), "RE" + Hex(random), 20 + random.Next(500));
            var query = $"?tenant={tenant.TenantId}&call={id:N}";
            var status = route("status") + query;
            var recording = route("recording") + query;
            var list = new List<Webhook>(7);
            string[] statuses = ["initiated", "ringing", "in-progress", "completed"];
            for (var s = 0; s < statuses.Length; s++)
            {
                var form = TwilioPayloads.StatusCallback(
                    tenant.AccountSid, sid, statuses[s], s, tenant.PhoneNumber, to, "outbound-api",
                    callDuration: statuses[s] == "completed" ? call.Duration : null, timestamp: timestamp.AddSeconds(s * 5));
                list.Add(Sign(tenant, baseUrl, status, form, i));
            }

            list.Add(Sign(tenant, baseUrl, recording,
                TwilioPayloads.RecordingCallback(tenant.AccountSid, sid, call.RecordingSid, duration: call.RecordingDuration, channels: 1, source: "OutboundAPI"), i));

            // Partial shuffle: swap neighbours now and then (Twilio does not promise order).
            for (var k = 0; k + 1 < list.Count; k++)
            {
                if (random.NextDouble() < 0.3)
                {
                    (list[k], list[k + 1]) = (list[k + 1], list[k]);
                    k++;
                }
            }

            perCall[i] = list;
        }

        // Exact copies of 10 % of all unique webhooks, each placed after its original within the call.
        var duplicates = (int)Math.Round(calls * UniquePerCall * DuplicateShare);
        for (var d = 0; d < duplicates; d++)
        {
            var list = perCall[random.Next(calls)];
            var originals = list.Where(w => !w.IsDuplicate).ToList();
            var original = originals[random.Next(originals.Count)];
            var at = list.IndexOf(original);
            list.Insert(at + 1 + random.Next(list.Count - at), original with { IsDuplicate = true });
        }

        // Interleave calls in windows of 64: round-robin over a random order of the window's calls.
        var webhooks = new List<Webhook>(calls * 6);
        for (var start = 0; start < calls; start += 64)
        {
            var window = Enumerable.Range(start, Math.Min(64, calls - start)).Select(i => new Queue<Webhook>(perCall[i])).ToList();
            while (window.Count > 0)
            {
                var pick = random.Next(window.Count);
                webhooks.Add(window[pick].Dequeue());
                if (window[pick].Count == 0)
                {
                    window.RemoveAt(pick);
                }
            }
        }

        return (planned, [.. webhooks]);
    }

    private static Webhook Sign(LoadTenant tenant, string baseUrl, string pathAndQuery, List<KeyValuePair<string, string>> form, int callIndex) =>
        new(pathAndQuery, TwilioWebhookRequests.EncodeForm(form), TwilioSigner.Sign(tenant.AuthToken, baseUrl + pathAndQuery, form), callIndex, false);

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Hex(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
