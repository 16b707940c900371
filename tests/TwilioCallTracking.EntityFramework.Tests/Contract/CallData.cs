using System.Text.Json.Nodes;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.EntityFramework.Tests.Contract;

/// <summary>Builds calls and events for the contract tests: fresh tenants and SIDs, times at microsecond precision.</summary>
internal static class CallData
{
    /// <summary>A moment with milliseconds and microseconds, which every store keeps exactly.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 0, 123, 456, TimeSpan.Zero);

    public static string NewTenant() => $"tenant-{Guid.NewGuid():N}";

    public static Call NewCall(string tenantId, string? sid = "new", DateTimeOffset? createdAt = null, Action<Call>? configure = null)
    {
        var at = createdAt ?? T0;
        var call = new Call
        {
            Id = Guid.CreateVersion7(at),
            TenantId = tenantId,
            TwilioCallSid = sid == "new" ? TwilioPayloads.NewCallSid() : sid,
            From = "+14155550100",
            To = "+14155550199",
            Direction = CallDirection.Outbound,
            TwilioDirection = CallDirectionNames.OutboundApi,
            Status = CallStatus.Queued,
            CreatedAt = at,
        };
        configure?.Invoke(call);
        return call;
    }

    public static CallEvent NewEvent(Call call, string type, string? key = null, DateTimeOffset? at = null, int? sequence = null) => new()
    {
        Id = Guid.NewGuid(),
        CallId = call.Id,
        TenantId = call.TenantId,
        EventType = type,
        EventData = new JsonObject { ["CallSid"] = call.TwilioCallSid, ["CallStatus"] = type, ["Note"] = "ünïcødé \"quoted\"" }.ToJsonString(),
        DeduplicationKey = key ?? $"{type}:{Guid.NewGuid():N}",
        SequenceNumber = sequence,
        CreatedAt = at ?? call.CreatedAt,
    };

    /// <summary>How long a call may stay unended, how long a price may lag, and how long a claim holds, in <see cref="Sweep"/>.</summary>
    public static readonly (TimeSpan StaleAfter, TimeSpan PriceDelay, TimeSpan LeaseFor, TimeSpan UnconfirmedAfter) SweepSettings =
        (TimeSpan.FromHours(2), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    /// <summary>What a sweeper running at <paramref name="now"/> asks the reconciliation store for, with the default settings.</summary>
    public static ReconciliationCriteria Sweep(DateTimeOffset now, int batchSize = 50, int maxAttempts = 3) => new()
    {
        Now = now,
        StaleIfCreatedBefore = now - SweepSettings.StaleAfter,
        UnconfirmedIfCreatedBefore = now - SweepSettings.UnconfirmedAfter,
        PriceIfEndedBefore = now - SweepSettings.PriceDelay,
        MaxAttempts = maxAttempts,
        BatchSize = batchSize,
        Owner = "test-sweeper",
        LeaseExpiresAt = now + SweepSettings.LeaseFor,
    };

    /// <summary>Every stored property of two calls, for Assert.Equal (Version included).</summary>
    public static object Snapshot(Call c) => new
    {
        c.Id, c.TenantId, c.TwilioCallSid, c.ParentCallSid, c.From, c.To, c.Direction, c.TwilioDirection, c.Status,
        c.DurationSeconds, c.RecordingSid, c.RecordingUrl, c.RecordingDurationSeconds, c.Price, c.PriceUnit, c.ContactId,
        c.ContactAmbiguous, c.UserId, c.DialCallStatus, c.CreatedAt, c.AnsweredAt, c.EndedAt, c.ErrorCode, c.ErrorMessage, c.Version,
    };

    /// <summary>An event's stored properties, with its JSON compared as JSON (PostgreSQL's jsonb normalises the text).</summary>
    public static void AssertSameEvent(CallEvent expected, CallEvent actual)
    {
        Assert.Equal(
            new { expected.Id, expected.CallId, expected.TenantId, expected.EventType, expected.DeduplicationKey, expected.SequenceNumber, expected.CreatedAt },
            new { actual.Id, actual.CallId, actual.TenantId, actual.EventType, actual.DeduplicationKey, actual.SequenceNumber, actual.CreatedAt });
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.EventData), JsonNode.Parse(actual.EventData)), $"{expected.EventData} != {actual.EventData}");
    }
}
