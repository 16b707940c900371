using Microsoft.Extensions.Logging;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>What every running call shares: options, clock, webhook sender, the registry of calls and recordings.</summary>
internal sealed class SimulatorRuntime(
    TwilioSimulatorOptions options, TimeProvider time, WebhookSender sender, CallRegistry calls, ILogger logger, CancellationToken stopping)
{
    public TwilioSimulatorOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public WebhookSender Sender { get; } = sender;

    public CallRegistry Calls { get; } = calls;

    public ILogger Logger { get; } = logger;

    public CancellationToken Stopping { get; } = stopping;

    /// <summary>A whole number of seconds in [<see cref="TwilioSimulatorOptions.MinTalkTime"/>, <see cref="TwilioSimulatorOptions.MaxTalkTime"/>].</summary>
    public TimeSpan NextTalkTime()
    {
        var min = (int)Math.Max(0, Options.MinTalkTime.TotalSeconds);
        var max = (int)Math.Max(min, Options.MaxTalkTime.TotalSeconds);
#pragma warning disable CA5394 // A simulated conversation length, not a secret.
        return TimeSpan.FromSeconds(Random.Shared.Next(min, max + 1));
#pragma warning restore CA5394
    }

    /// <summary>What a leg costs: every started minute at the direction's rate, negative; nothing when it was never answered.</summary>
    public decimal PriceOf(string direction, int durationSeconds, bool answered)
    {
        if (!answered)
        {
            return 0m;
        }

        var rate = direction == "inbound" ? Options.InboundPricePerMinute : Options.OutboundPricePerMinute;
        return -TwilioWebhookPayloads.BilledMinutes(durationSeconds) * rate;
    }

    /// <summary>When a price computed now becomes visible on the Call resource (real time: it is read by REST requests).</summary>
    public DateTimeOffset PriceVisibleAt() => Time.GetUtcNow() + Options.PriceDelay * Math.Max(0, Options.TimeScale);
}
