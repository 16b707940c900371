using TwilioCallTracking.Simulator.Diagnostics;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>
/// One running call and the legs it creates: its simulated clock, how it can end (hung up through the REST API, or by
/// the person at the other end at <see cref="RemoteHangUpAt"/>), the account's token for signing, and the recordings
/// whose callbacks are sent once the call is over.
/// </summary>
internal sealed class CallSession : IDisposable
{
    private readonly CancellationTokenSource _hangUp;

    public CallSession(SimulatorRuntime runtime, SimulatedCallState root, string authToken, Uri baseUrl)
    {
        Runtime = runtime;
        Root = root;
        AuthToken = authToken;
        BaseUrl = baseUrl;
        Clock = new SimulatedClock(runtime.Time, runtime.Options.TimeScale);
        _hangUp = CancellationTokenSource.CreateLinkedTokenSource(root.HangUp.Token, runtime.Stopping);
    }

    public SimulatorRuntime Runtime { get; }

    public TwilioSimulatorOptions Options => Runtime.Options;

    public SimulatedCallState Root { get; }

    public string AuthToken { get; }

    /// <summary>The simulator's base URL, for recording URLs.</summary>
    public Uri BaseUrl { get; }

    public SimulatedClock Clock { get; }

    public DateTimeOffset Now => Clock.Now;

    /// <summary>Fires when the call is hung up through the REST API (or the simulator stops).</summary>
    public CancellationToken HangUp => _hangUp.Token;

    /// <summary>When the person at the other end hangs up (simulated time), once the call was answered.</summary>
    public DateTimeOffset? RemoteHangUpAt { get; set; }

    public bool Ended => HangUp.IsCancellationRequested || RemoteHangUpAt <= Clock.Now;

    public List<PendingRecording> Recordings { get; } = [];

    /// <summary>Waits <paramref name="duration"/> unless the call ends first; returns whether the whole duration passed.</summary>
    public async Task<bool> WaitAsync(TimeSpan duration, CancellationToken? stop = null)
    {
        var limit = duration;
        var cut = false;
        if (RemoteHangUpAt is { } at && at - Clock.Now <= duration)
        {
            limit = at > Clock.Now ? at - Clock.Now : TimeSpan.Zero;
            cut = true;
        }

        var passed = await Clock.WaitAsync(limit, stop ?? HangUp);
        Runtime.Stopping.ThrowIfCancellationRequested();
        return passed && !cut;
    }

    /// <summary>Waits whatever happens to the call (used once it is over); only stopping the simulator interrupts.</summary>
    public async Task DelayAsync(TimeSpan duration)
    {
        await Clock.WaitAsync(duration, Runtime.Stopping);
        Runtime.Stopping.ThrowIfCancellationRequested();
    }

    public Task<WebhookResponse> SendAsync(WebhookKind kind, string callSid, Uri url, string method, IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        Runtime.Sender.SendAsync(kind, callSid, url, method, parameters, AuthToken, Runtime.Stopping);

    /// <summary>Creates and registers a new leg of this call.</summary>
    public SimulatedCallState NewLeg(string from, string to, string direction, string? parentCallSid = null, string? phoneNumberSid = null)
    {
        var leg = new SimulatedCallState(TwilioSidGenerator.NewCallSid(), Root.AccountSid, from, to, direction, Clock.Now)
        {
            ParentCallSid = parentCallSid,
            PhoneNumberSid = phoneNumberSid,
        };
        Runtime.Calls.Add(leg);
        Diagnostics.Log.CallCreated(Runtime.Logger, leg.Sid, direction, from, to);
        return leg;
    }

    /// <summary>Ends a leg at the current simulated time; its talk time counts from its answer.</summary>
    public int EndLeg(SimulatedCallState leg, string status)
    {
        var answered = leg.AnsweredTime;
        var seconds = answered is { } a ? (int)Math.Round((Clock.Now - a).TotalSeconds, MidpointRounding.AwayFromZero) : 0;
        leg.End(status, Clock.Now, seconds, Runtime.PriceOf(leg.Direction, seconds, answered is not null), Runtime.PriceVisibleAt());
        Diagnostics.Log.CallEnded(Runtime.Logger, leg.Sid, status, seconds);
        return seconds;
    }

    /// <summary>Resolves a URL from TwiML against the document it came from (Twilio accepts relative URLs).</summary>
    public static Uri? Resolve(string? url, Uri? document)
    {
        if (url is null)
        {
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }

        return document is not null && Uri.TryCreate(document, url, out var relative) ? relative : null;
    }

    public void Dispose() => _hangUp.Dispose();
}
