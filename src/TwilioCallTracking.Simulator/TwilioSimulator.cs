using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwilioCallTracking.Simulator.Calls;
using TwilioCallTracking.Simulator.Diagnostics;
using TwilioCallTracking.Simulator.Rest;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator;

/// <summary>
/// A local Twilio: the accounts and numbers it knows, the calls it drives and the log of what it sent and received.
/// Its REST API (mapped with <c>MapTwilioSimulator</c>) is what the Twilio SDK talks to; this class is what a test or
/// a sample talks to: simulate an inbound call, hang a call up, wait until a call's last callback went out, read the log.
/// </summary>
public sealed class TwilioSimulator : IAsyncDisposable, IDisposable
{
    private readonly AccountRegistry _accounts;
    private readonly CallRegistry _calls = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SimulatorRuntime _runtime;
    private readonly IServer? _server;
    private Uri? _observedBaseUrl;
    private int _disposed;

    /// <summary>Creates the simulator (use <c>services.AddTwilioSimulator()</c>, or <see cref="TwilioSimulatorHost"/>).</summary>
    public TwilioSimulator(
        IOptions<TwilioSimulatorOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<TwilioSimulator> logger, IServer? server = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Time = time;
        _server = server;
        _accounts = new AccountRegistry(time);
        foreach (var account in Options.Accounts)
        {
            _accounts.Add(account);
        }

        Log = new TwilioSimulatorLog(Options.MaxLogEntries);
        var sender = new WebhookSender(httpClients, Log, time, Options, logger);
        _runtime = new SimulatorRuntime(Options, time, sender, _calls, logger, _stopping.Token);
    }

    /// <summary>The options in force.</summary>
    public TwilioSimulatorOptions Options { get; }

    /// <summary>Every webhook sent and REST request received.</summary>
    public TwilioSimulatorLog Log { get; }

    internal TimeProvider Time { get; }

    internal AccountRegistry Accounts => _accounts;

    internal CallRegistry CallRegistry => _calls;

    /// <summary>The path the REST API was mapped under (set by <c>MapTwilioSimulator</c>).</summary>
    internal string RoutePrefix { get; set; } = string.Empty;

    /// <summary>Adds (or replaces) an account the REST API accepts.</summary>
    public void AddAccount(SimulatedAccount account) => _accounts.Add(account);

    /// <summary>The account with this SID, or <see langword="null"/>.</summary>
    public SimulatedAccount? FindAccount(string accountSid) => _accounts.Find(accountSid)?.Account;

    /// <summary>Gives an account one more Twilio number.</summary>
    public void AddPhoneNumber(string accountSid, SimulatedPhoneNumber number) => _accounts.AddPhoneNumber(accountSid, number);

    /// <summary>The Twilio number <paramref name="phoneNumber"/> (E.164) of any account, or <see langword="null"/>.</summary>
    public SimulatedPhoneNumber? FindPhoneNumber(string phoneNumber) => _accounts.FindByPhoneNumber(phoneNumber)?.Number;

    /// <summary>A call leg as its Call resource shows it now, or <see langword="null"/>.</summary>
    public SimulatedCall? GetCall(string callSid) => _calls.Find(callSid)?.Snapshot(Time.GetUtcNow());

    /// <summary>Every call leg, oldest first.</summary>
    public IReadOnlyList<SimulatedCall> GetCalls()
    {
        var now = Time.GetUtcNow();
        return [.. _calls.All.Select(c => c.Snapshot(now)).OrderBy(c => c.DateCreated)];
    }

    /// <summary>The legs a call's <c>&lt;Dial&gt;</c> created (<c>ParentCallSid</c> = <paramref name="parentCallSid"/>).</summary>
    public IReadOnlyList<SimulatedCall> GetChildCalls(string parentCallSid) => [.. GetCalls().Where(c => c.ParentCallSid == parentCallSid)];

    /// <summary>A recording, or <see langword="null"/>.</summary>
    public SimulatedRecording? GetRecording(string recordingSid) => _calls.FindRecording(recordingSid);

    /// <summary>Waits until the call has ended and every one of its callbacks (recordings included) was sent.</summary>
    public async Task<SimulatedCall> WaitForCallAsync(string callSid, CancellationToken cancellationToken = default)
    {
        var call = _calls.Find(callSid) ?? throw new InvalidOperationException($"The simulator has no call '{callSid}'.");
        await call.Finished.WaitAsync(cancellationToken);
        return call.Snapshot(Time.GetUtcNow());
    }

    /// <summary>
    /// Somebody calls <paramref name="toTwilioNumber"/> from <paramref name="from"/>: Twilio asks the number's voice URL
    /// (or <paramref name="answerUrl"/>) for TwiML and follows it. Returns the inbound leg at once, ringing; use
    /// <see cref="WaitForCallAsync"/> to wait for the end.
    /// </summary>
    /// <param name="from">The caller (E.164, or a raw caller ID such as <c>anonymous</c>).</param>
    /// <param name="toTwilioNumber">One of the accounts' numbers.</param>
    /// <param name="answerUrl">The answer webhook; <see langword="null"/> uses the number's voice URL.</param>
    /// <param name="cancellationToken">Cancels nothing once the call started; present for symmetry.</param>
    public Task<SimulatedCall> SimulateInboundCallAsync(string from, string toTwilioNumber, Uri? answerUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(toTwilioNumber);
        cancellationToken.ThrowIfCancellationRequested();
        var (account, number) = _accounts.FindByPhoneNumber(toTwilioNumber)
            ?? throw new InvalidOperationException(
                $"No simulated account owns {toTwilioNumber}: add it to an account (TwilioSimulatorOptions.Accounts, or TwilioSimulator.AddPhoneNumber).");
        var url = answerUrl ?? number.VoiceUrl
            ?? throw new InvalidOperationException(
                $"{toTwilioNumber} has no voice URL: set SimulatedPhoneNumber.VoiceUrl (as in the Twilio Console), update it through the REST API, or pass answerUrl.");
        var method = answerUrl is null ? number.VoiceMethod : "POST";
        var leg = new SimulatedCallState(TwilioSidGenerator.NewCallSid(), account.Sid, from, toTwilioNumber, "inbound", Time.GetUtcNow())
        {
            PhoneNumberSid = number.Sid,
        };
        leg.SetStatus("ringing", leg.DateCreated);
        _calls.Add(leg);
        Diagnostics.Log.CallCreated(_runtime.Logger, leg.Sid, leg.Direction, from, toTwilioNumber);
        var session = new CallSession(_runtime, leg, account.AuthToken, ResolveBaseUrl(null));
        Start(session, () => InboundCallRun.RunAsync(session, url, method, number));
        return Task.FromResult(leg.Snapshot(Time.GetUtcNow()));
    }

    /// <summary>
    /// Hangs a call up as <c>POST …/Calls/{Sid}.json</c> with <c>Status</c> does: <c>canceled</c> ends a queued or
    /// ringing call, <c>completed</c> ends it in any state. Returns the call once it has ended, or <see langword="null"/>.
    /// </summary>
    public async Task<SimulatedCall?> HangUpAsync(string callSid, string status = "completed", CancellationToken cancellationToken = default)
    {
        var call = _calls.Find(callSid);
        if (call is null)
        {
            return null;
        }

        var current = call.Status;
        var hangsUp = status switch
        {
            "canceled" => current is "queued" or "ringing",
            "completed" => current is "queued" or "ringing" or "in-progress",
            _ => false,
        };
        if (hangsUp)
        {
            await call.HangUp.CancelAsync();
            await call.Ended.WaitAsync(cancellationToken);
        }

        return call.Snapshot(Time.GetUtcNow());
    }

    /// <summary>Stops every running call (their remaining callbacks are not sent). Calling it again does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Stops every running call without waiting for them (for containers disposed synchronously).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
        }
    }

    internal SimulatedCall StartOutboundCall(SimulatedAccount account, CreateCallRequest request, Uri baseUrl)
    {
        var leg = new SimulatedCallState(TwilioSidGenerator.NewCallSid(), account.Sid, request.From, request.To, "outbound-api", Time.GetUtcNow())
        {
            PhoneNumberSid = request.PhoneNumberSid,
        };
        _calls.Add(leg);
        Diagnostics.Log.CallCreated(_runtime.Logger, leg.Sid, leg.Direction, leg.From, leg.To);
        var session = new CallSession(_runtime, leg, account.AuthToken, baseUrl);
        Start(session, () => OutboundCallRun.RunAsync(session, request));
        return leg.Snapshot(Time.GetUtcNow());
    }

    /// <summary>
    /// The simulator's base URL (ending in <c>/</c>): the configured one, else the one a request just came to, else the
    /// last one a request came to, else the server's own address.
    /// </summary>
    internal Uri ResolveBaseUrl(Uri? fromRequest)
    {
        if (Options.PublicBaseUrl is { } configured)
        {
            return WithSlash(configured);
        }

        if (fromRequest is not null)
        {
            _observedBaseUrl = WithSlash(fromRequest);
            return _observedBaseUrl;
        }

        if (_observedBaseUrl is { } observed)
        {
            return observed;
        }

        var address = _server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The simulator does not know its own address yet: set TwilioSimulatorOptions.PublicBaseUrl.");
        var server = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
        server.Path = RoutePrefix;
        return WithSlash(server.Uri);
    }

    private static Uri WithSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private void Start(CallSession session, Func<Task> run)
    {
        var task = Task.Run(() => RunAsync(session, run));
        _running[task] = 0;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task RunAsync(CallSession session, Func<Task> run)
    {
        try
        {
            await run();
            if (session.Recordings.Count > 0)
            {
                await session.DelayAsync(Options.RecordingProcessingTime);
                foreach (var recording in session.Recordings)
                {
                    await recording.SendAsync(session);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The simulator is stopping: the call just stops.
        }
#pragma warning disable CA1031 // A call's failure must not take the simulator down; it is logged and the call ends failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Diagnostics.Log.CallCrashed(_runtime.Logger, ex, session.Root.Sid);
            if (!session.Root.Snapshot(Time.GetUtcNow()).IsTerminal)
            {
                session.EndLeg(session.Root, "failed");
            }
        }
        finally
        {
            session.Root.MarkFinished();
            session.Dispose();
        }
    }
}
