using TwilioCallTracking.Testing;

namespace TwilioCallTracking.LoadTest;

/// <summary>
/// One webhook as Twilio would post it: the absolute URL (of the host it is sent to), path and query, the form body and
/// its signature over that URL.
/// </summary>
internal sealed record Webhook(Uri Url, string PathAndQuery, byte[] Body, string Signature, int CallIndex, bool IsDuplicate, int Host)
{
    /// <summary>The form fields, kept only until the webhook is signed.</summary>
    public List<KeyValuePair<string, string>>? Form { get; init; }
}

/// <summary>A call of the workload and what its final row must say.</summary>
internal sealed record PlannedCall(Guid Id, string Sid, string To, int Duration, string RecordingSid, int RecordingDuration)
{
    /// <summary>What the fake Twilio answers as the call's price (the sweeper fetches it): a function of the duration.</summary>
    public decimal Price => -0.0130m * ((Duration + 59) / 60);
}

/// <summary>
/// The webhooks of <c>calls</c> outbound calls, generated with a fixed seed: per call its real sequence (status
/// initiated, ringing, in-progress, completed with the duration, then the recording's completed callback = 5 unique
/// webhooks), plus exact copies of 10 % of them (Twilio retrying), the call's webhooks partly shuffled (each adjacent
/// pair swapped with probability 0.3, copies placed anywhere after their original), and the calls interleaved in
/// windows of 64 so many calls are in flight at once, as in a busy call centre. With several hosts the webhooks are
/// spread round robin in posting order (webhook i goes to host i mod N) and each is signed over its host's URL.
/// </summary>
internal static class Workload
{
    public const int UniquePerCall = 5;
    public const double DuplicateShare = 0.10;

    /// <summary>Calls per level for about <paramref name="webhooks"/> webhooks (5 unique + 10 % copies per call).</summary>
    public static int CallsFor(int webhooks) => Math.Max(1, (int)Math.Round(webhooks / (UniquePerCall * (1 + DuplicateShare))));

    public static (PlannedCall[] Calls, Webhook[] Webhooks) Generate(
        TestTenant tenant, int calls, int seed, IReadOnlyList<string> baseUrls, Func<string, string> route)
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
                list.Add(new Webhook(null!, status, TwilioWebhookRequests.EncodeForm(form), "", i, false, 0) { Form = form });
            }

            var recordingForm = TwilioPayloads.RecordingCallback(tenant.AccountSid, sid, call.RecordingSid, duration: call.RecordingDuration, channels: 1, source: "OutboundAPI");
            list.Add(new Webhook(null!, recording, TwilioWebhookRequests.EncodeForm(recordingForm), "", i, false, 0) { Form = recordingForm });

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

        // Round robin over the hosts in posting order; the signature covers the URL of the host that receives it.
        var signed = new Webhook[webhooks.Count];
        for (var k = 0; k < signed.Length; k++)
        {
            var host = k % baseUrls.Count;
            var url = baseUrls[host] + webhooks[k].PathAndQuery;
            signed[k] = webhooks[k] with { Url = new Uri(url), Signature = TwilioSigner.Sign(tenant.AuthToken, url, webhooks[k].Form!), Host = host, Form = null };
        }

        return (planned, signed);
    }

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
