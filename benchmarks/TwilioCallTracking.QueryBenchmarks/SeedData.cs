using System.Globalization;
using TwilioCallTracking;

namespace TwilioCallTracking.QueryBenchmarks;

/// <summary>One seeded call and the events of its timeline.</summary>
internal sealed record SeedCall(Call Call, CallEvent[] Events);

/// <summary>
/// Deterministic, realistic-looking data: calls spread evenly over the tenants and over a year, mostly completed, some
/// unanswered, a tenth of them forwarded child legs; each call with a short timeline of status events.
/// </summary>
internal sealed class SeedData(int calls, int tenants, int eventsPerCall)
{
    private static readonly string[] Timeline = ["initiated", "ringing", "in-progress", "completed"];
    private static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public int Calls { get; } = calls;

    public int Tenants { get; } = tenants;

    public int EventsPerCall { get; } = eventsPerCall;

    public static string Tenant(int index) => $"tenant-{index:D3}";

    public IEnumerable<SeedCall> Generate()
    {
        var random = new Random(20261124);
        var sid = new byte[16];
        for (var i = 0; i < Calls; i++)
        {
            var created = End.AddSeconds(-random.Next(0, 365 * 24 * 3600)).AddTicks(random.Next(0, 1_000_000) * 10);
            random.NextBytes(sid);
            var inbound = random.Next(2) == 0;
            var child = inbound && random.Next(5) == 0;
            var answered = random.Next(10) < 7;
            var duration = answered ? random.Next(5, 900) : 0;
            var call = new Call
            {
                Id = Version7(created, random),
                TenantId = Tenant(i % Tenants),
                TwilioCallSid = "CA" + Convert.ToHexStringLower(sid),
                ParentCallSid = child ? "CA" + Convert.ToHexStringLower(Version7(created, random).ToByteArray()) : null,
                From = "+1415" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
                To = "+1800" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
                Direction = inbound && !child ? CallDirection.Inbound : CallDirection.Outbound,
                TwilioDirection = child ? "outbound-dial" : inbound ? "inbound" : "outbound-api",
                Status = answered ? CallStatus.Completed : CallStatus.NoAnswer,
                DurationSeconds = duration,
                RecordingUrl = answered ? $"https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE{i:x30}" : null,
                ContactId = random.Next(4) == 0 ? null : new Guid(i % Tenants, (short)random.Next(1000), 0, new byte[8]),
                CreatedAt = created,
                AnsweredAt = answered ? created.AddSeconds(8) : null,
                EndedAt = created.AddSeconds(8 + duration),
                Version = 1 + EventsPerCall,
            };
            var events = new CallEvent[EventsPerCall];
            for (var e = 0; e < EventsPerCall; e++)
            {
                var type = Timeline[Math.Min(e, Timeline.Length - 1)];
                events[e] = new CallEvent
                {
                    Id = Version7(created.AddSeconds(e * 4), random),
                    CallId = call.Id,
                    TenantId = call.TenantId,
                    EventType = type,
                    EventData = $"{{\"CallSid\":\"{call.TwilioCallSid}\",\"CallStatus\":\"{type}\",\"SequenceNumber\":\"{e}\",\"Direction\":\"{call.TwilioDirection}\"}}",
                    DeduplicationKey = $"status:{call.TwilioCallSid}:{type}:seq:{e}",
                    SequenceNumber = e,
                    CreatedAt = created.AddSeconds(e * 4),
                };
            }

            yield return new SeedCall(call, events);
        }
    }

    /// <summary>A version 7 GUID (time-ordered, like the service's) whose random part comes from the seeded generator.</summary>
    private static Guid Version7(DateTimeOffset at, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
