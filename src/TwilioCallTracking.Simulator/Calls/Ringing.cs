namespace TwilioCallTracking.Simulator.Calls;

/// <summary>The part every dialled leg shares: initiated, then ringing, then answered or one of the unanswered endings.</summary>
internal static class Ringing
{
    /// <summary>
    /// Dials <paramref name="leg"/> as its scenario says. Returns <see langword="null"/> when it was answered (the leg is
    /// <c>in-progress</c> and <c>answered</c> was sent), otherwise the terminal status it ended with (its
    /// <c>completed</c> callback sent): busy, no-answer, failed, or canceled when <paramref name="stop"/> fired first.
    /// </summary>
    public static async Task<string?> DialAsync(
        CallSession session, SimulatedCallState leg, StatusCallbackChannel callbacks, CallScenario scenario, int timeoutSeconds, CancellationToken stop)
    {
        leg.Start(session.Now);
        await callbacks.FireAsync("initiated", "initiated");
        string? outcome;
        if (scenario == CallScenario.Failed)
        {
            outcome = await session.WaitAsync(session.Options.RejectTime, stop) ? "failed" : "canceled";
        }
        else
        {
            leg.SetStatus("ringing", session.Now);
            await callbacks.FireAsync("ringing", "ringing");
            var timeout = TimeSpan.FromSeconds(timeoutSeconds);
            outcome = scenario switch
            {
                CallScenario.Busy => await session.WaitAsync(session.Options.RejectTime, stop) ? "busy" : "canceled",
                CallScenario.NoAnswer => await session.WaitAsync(timeout, stop) ? "no-answer" : "canceled",
                _ when session.Options.RingTime >= timeout => await session.WaitAsync(timeout, stop) ? "no-answer" : "canceled",
                _ => await session.WaitAsync(session.Options.RingTime, stop) ? null : "canceled",
            };
        }

        if (outcome is not null)
        {
            session.EndLeg(leg, outcome);
            await callbacks.FireAsync("completed", outcome, 0);
            return outcome;
        }

        leg.SetStatus("in-progress", session.Now);
        await callbacks.FireAsync("answered", "in-progress");
        return null;
    }
}
