using TwilioCallTracking.Simulator.Diagnostics;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>
/// The status callbacks of one leg: only the events asked for (<c>completed</c> alone when none were), numbered by
/// <c>SequenceNumber</c> in the order they fired, and delivered as the leg's scenario says (in order, twice, or with
/// <c>completed</c> before <c>ringing</c> and <c>in-progress</c>).
/// </summary>
internal sealed class StatusCallbackChannel
{
    private static readonly HashSet<string> KnownEvents = new(["initiated", "ringing", "answered", "completed"], StringComparer.Ordinal);

    private readonly CallSession _session;
    private readonly SimulatedCallState _leg;
    private readonly Uri? _url;
    private readonly string _method;
    private readonly HashSet<string> _events;
    private readonly CallScenario _scenario;
    private readonly List<List<KeyValuePair<string, string>>> _held = [];
    private int _sequence;

    public StatusCallbackChannel(CallSession session, SimulatedCallState leg, Uri? url, string method, IReadOnlyCollection<string> events, CallScenario scenario)
    {
        _session = session;
        _leg = leg;
        _url = url;
        _method = method;
        _scenario = scenario;
        _events = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in events.Count == 0 ? ["completed"] : events)
        {
            if (KnownEvents.Contains(name))
            {
                _events.Add(name);
            }
            else if (url is not null)
            {
                Log.UnknownStatusEvent(session.Runtime.Logger, leg.Sid, name);
            }
        }
    }

    public WebhookCallInfo Info => new(_leg.AccountSid, _leg.Sid, _leg.From, _leg.To, _leg.Direction) { ParentCallSid = _leg.ParentCallSid };

    /// <summary>Sends the callback of <paramref name="eventName"/> if it was asked for.</summary>
    /// <param name="eventName">initiated, ringing, answered or completed.</param>
    /// <param name="callStatus">The <c>CallStatus</c> sent (in-progress for answered; the terminal status for completed).</param>
    /// <param name="durationSeconds">The talk time, for completed.</param>
    /// <param name="extra">Parameters that ride along (the recording on completed).</param>
    public async Task FireAsync(string eventName, string callStatus, int? durationSeconds = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        if (_url is null || !_events.Contains(eventName))
        {
            return;
        }

        var terminal = eventName == "completed";
        var parameters = TwilioWebhookPayloads.StatusCallback(
            Info, callStatus, _sequence++, _session.Now, terminal ? durationSeconds ?? 0 : null, terminal ? TwilioWebhookPayloads.SipResponseCodeFor(callStatus) : null);
        if (extra is not null)
        {
            parameters.AddRange(extra);
        }

        if (_scenario == CallScenario.OutOfOrderDelivery && eventName is "ringing" or "answered")
        {
            _held.Add(parameters);
            return;
        }

        await DeliverAsync(parameters);
        if (terminal)
        {
            foreach (var held in _held)
            {
                await DeliverAsync(held);
            }

            _held.Clear();
        }
    }

    private async Task DeliverAsync(List<KeyValuePair<string, string>> parameters)
    {
        await _session.SendAsync(WebhookKind.StatusCallback, _leg.Sid, _url!, _method, parameters);
        if (_scenario == CallScenario.DuplicateDelivery)
        {
            await _session.SendAsync(WebhookKind.StatusCallback, _leg.Sid, _url!, _method, parameters);
        }
    }
}
