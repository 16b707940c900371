using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace TwilioCallTracking.StoreTests;

/// <summary>
/// Builds the calls, events, configurations, notifications and subscriptions of the store contract tests: fresh tenants, SIDs and numbers (so tests
/// sharing one database never meet), times at microsecond precision (which every store must keep exactly).
/// </summary>
public static class StoreTestData
{
    /// <summary>A moment with milliseconds and microseconds, which every store keeps exactly.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 0, 123, 456, TimeSpan.Zero);

    /// <summary>How long a call may stay unended, how long a price may lag, how long a claim holds, and when a SID-less call is due, in <see cref="Sweep"/>.</summary>
    public static readonly (TimeSpan StaleAfter, TimeSpan PriceDelay, TimeSpan LeaseFor, TimeSpan UnconfirmedAfter) SweepSettings =
        (TimeSpan.FromHours(2), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    /// <summary>A tenant id no other test uses.</summary>
    public static string NewTenant() => $"tenant-{Guid.NewGuid():N}";

    /// <summary>A fresh Twilio SID: <paramref name="prefix"/> (<c>CA</c>, <c>RE</c>, <c>AC</c>…) and 32 lowercase hex digits.</summary>
    public static string NewSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A fresh E.164 number, for a tenant's Twilio number.</summary>
    public static string NewNumber() => "+1415" + RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>A queued outbound call of <paramref name="tenantId"/>, created at <paramref name="createdAt"/> (default <see cref="T0"/>).</summary>
    /// <param name="tenantId">Its tenant.</param>
    /// <param name="sid">Its call SID: <c>"new"</c> (the default) for a fresh one, <see langword="null"/> for none yet.</param>
    /// <param name="createdAt">When it was created.</param>
    /// <param name="configure">Changes anything else.</param>
    public static Call NewCall(string tenantId, string? sid = "new", DateTimeOffset? createdAt = null, Action<Call>? configure = null)
    {
        var at = createdAt ?? T0;
        var call = new Call
        {
            Id = Guid.CreateVersion7(at),
            TenantId = tenantId,
            TwilioCallSid = sid == "new" ? NewSid("CA") : sid,
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

    /// <summary>An event of <paramref name="call"/> with a JSON payload that has quotes and non-ASCII text.</summary>
    /// <param name="call">Its call.</param>
    /// <param name="type">Its type.</param>
    /// <param name="key">Its deduplication key; a fresh one by default.</param>
    /// <param name="at">When it happened; the call's creation by default.</param>
    /// <param name="sequence">Twilio's SequenceNumber, if any.</param>
    public static CallEvent NewEvent(Call call, string type, string? key = null, DateTimeOffset? at = null, int? sequence = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new CallEvent
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
    }

    /// <summary>A configuration of <paramref name="tenantId"/> with a fresh account and number and a made-up ciphertext.</summary>
    /// <param name="tenantId">Its tenant.</param>
    /// <param name="configure">Changes anything else.</param>
    public static TwilioConfiguration NewConfiguration(string tenantId, Action<TwilioConfiguration>? configure = null)
    {
        var configuration = new TwilioConfiguration
        {
            TenantId = tenantId,
            AccountSid = NewSid("AC"),
            ProtectedAuthToken = "v2.0a1b2c3d." + Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            PhoneNumber = NewNumber(),
            CreatedAt = T0,
            UpdatedAt = T0.AddMinutes(5),
        };
        configure?.Invoke(configuration);
        return configuration;
    }

    /// <summary>
    /// A notification of <paramref name="type"/> about <paramref name="call"/> as it is now, at <paramref name="at"/>
    /// (default: the call's creation), with a fresh version 7 id, as the library raises them.
    /// </summary>
    /// <param name="call">The call it is about.</param>
    /// <param name="type">One of <see cref="CallNotificationTypes"/>.</param>
    /// <param name="at">When it occurred.</param>
    public static CallNotification NewNotification(Call call, string type = CallNotificationTypes.Started, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var occurredAt = at ?? call.CreatedAt;
        return new CallNotification
        {
            Id = Guid.CreateVersion7(occurredAt),
            TenantId = call.TenantId,
            CallId = call.Id,
            Type = type,
            OccurredAt = occurredAt,
            DataVersion = CallNotificationData.CurrentVersion,
            Data = CallNotificationData.Of(call).ToJson(),
        };
    }

    /// <summary>
    /// An enabled outgoing webhook subscription of <paramref name="tenantId"/> to two types, with a made-up ciphertext,
    /// created at <paramref name="createdAt"/> (default <see cref="T0"/>). Change the rest with <c>with</c>.
    /// </summary>
    /// <param name="tenantId">Its tenant.</param>
    /// <param name="createdAt">When it was created (and last changed).</param>
    public static WebhookSubscription NewSubscription(string tenantId, DateTimeOffset? createdAt = null) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = tenantId,
        Url = new Uri("https://hooks.example.com/calls?source=twilio&key=a%2Fb%20c"),
        EventTypes = [CallNotificationTypes.Ended, CallNotificationTypes.RecordingReady],
        ProtectedSecret = "v2.0a1b2c3d." + Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
        Description = "CRM activities \"ünïcødé\"",
        CreatedAt = createdAt ?? T0,
        UpdatedAt = createdAt ?? T0,
    };

    /// <summary>What a sweeper running at <paramref name="now"/> asks the reconciliation store for, with <see cref="SweepSettings"/>.</summary>
    /// <param name="now">The sweep's time.</param>
    /// <param name="batchSize">The most calls to claim.</param>
    /// <param name="maxAttempts">Calls tried this often are left alone.</param>
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

    /// <summary>Every stored property of a call (its version included), for <c>Assert.Equal</c>.</summary>
    /// <param name="call">The call.</param>
    public static object Snapshot(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var c = call;
        return new
        {
            c.Id, c.TenantId, c.TwilioCallSid, c.ParentCallSid, c.From, c.To, c.Direction, c.TwilioDirection, c.Status,
            c.DurationSeconds, c.RecordingSid, c.RecordingUrl, c.RecordingDurationSeconds, c.Price, c.PriceUnit, c.ContactId,
            c.ContactAmbiguous, c.UserId, c.DialCallStatus, c.CreatedAt, c.AnsweredAt, c.EndedAt, c.ErrorCode, c.ErrorMessage, c.Version,
        };
    }

    /// <summary>Every stored property of a configuration, for <c>Assert.Equal</c>.</summary>
    /// <param name="configuration">The configuration.</param>
    public static object Snapshot(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var c = configuration;
        return new
        {
            c.TenantId, c.AccountSid, c.ProtectedAuthToken, c.ApiKeySid, c.ProtectedApiKeySecret, c.PhoneNumber, c.ForwardToNumber, c.Greeting,
            c.RecordingNotice, c.RecordingMode, c.PublicBaseUrl, c.CreatedAt, c.UpdatedAt,
        };
    }

    /// <summary>Asserts an event's stored properties, with its JSON compared as JSON (PostgreSQL's jsonb normalises the text).</summary>
    /// <param name="expected">The event as written.</param>
    /// <param name="actual">The event as read back.</param>
    public static void AssertSameEvent(CallEvent expected, CallEvent actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(
            new { expected.Id, expected.CallId, expected.TenantId, expected.EventType, expected.DeduplicationKey, expected.SequenceNumber, expected.CreatedAt },
            new { actual.Id, actual.CallId, actual.TenantId, actual.EventType, actual.DeduplicationKey, actual.SequenceNumber, actual.CreatedAt });
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.EventData), JsonNode.Parse(actual.EventData)), $"{expected.EventData} != {actual.EventData}");
    }
}
