namespace TwilioCallTracking.Simulator.Calls;

/// <summary>A call leg as the simulator's Call resource shows it at one moment.</summary>
public sealed record SimulatedCall
{
    /// <summary>The leg's SID (<c>CA…</c>).</summary>
    public required string Sid { get; init; }

    /// <summary>The account (<c>AC…</c>).</summary>
    public required string AccountSid { get; init; }

    /// <summary>The parent leg, for an <c>outbound-dial</c> leg.</summary>
    public string? ParentCallSid { get; init; }

    /// <summary>The caller.</summary>
    public required string From { get; init; }

    /// <summary>The callee.</summary>
    public required string To { get; init; }

    /// <summary><c>inbound</c>, <c>outbound-api</c> or <c>outbound-dial</c>.</summary>
    public required string Direction { get; init; }

    /// <summary>The REST status: queued, ringing, in-progress, completed, busy, no-answer, failed or canceled (never initiated).</summary>
    public required string Status { get; init; }

    /// <summary>The Twilio number involved (<c>PN…</c>), when the leg was made to or from one.</summary>
    public string? PhoneNumberSid { get; init; }

    /// <summary>When the leg was created.</summary>
    public required DateTimeOffset DateCreated { get; init; }

    /// <summary>When the leg last changed.</summary>
    public DateTimeOffset DateUpdated { get; init; }

    /// <summary>When the leg was dialled; <see langword="null"/> while queued.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When the leg was answered; <see langword="null"/> when it never was.</summary>
    public DateTimeOffset? AnsweredTime { get; init; }

    /// <summary>When the leg ended.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>The talk time in seconds, once the leg ended (0 when never answered).</summary>
    public int? DurationSeconds { get; init; }

    /// <summary>What the leg cost, negative as Twilio reports it; <see langword="null"/> until some time after the end.</summary>
    public decimal? Price { get; init; }

    /// <summary>The currency of <see cref="Price"/>.</summary>
    public string PriceUnit { get; init; } = "USD";

    /// <summary>The recordings made of this leg (<c>RE…</c>).</summary>
    public IReadOnlyList<string> RecordingSids { get; init; } = [];

    /// <summary>Whether the leg has ended.</summary>
    public bool IsTerminal => Status is "completed" or "busy" or "no-answer" or "failed" or "canceled";
}
