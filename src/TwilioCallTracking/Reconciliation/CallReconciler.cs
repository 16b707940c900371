using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace TwilioCallTracking;

/// <summary>What one sweep did.</summary>
/// <param name="Claimed">Calls claimed.</param>
/// <param name="Updated">Calls whose state changed (status, duration, price…).</param>
/// <param name="NotFound">Calls Twilio does not know (marked with error 20404).</param>
/// <param name="Deferred">Calls to try again later (still in progress, price not ready, or Twilio unavailable).</param>
public sealed record ReconciliationSweepResult(int Claimed, int Updated, int NotFound, int Deferred);

/// <summary>
/// One reconciliation sweep: claims due calls, asks Twilio for each with <c>CallResource.FetchAsync</c>, applies what
/// it learns through the lifecycle rules (as a <c>reconciled</c> event), and schedules the next attempt with back-off.
/// It never creates a call at Twilio.
/// </summary>
public sealed class CallReconciler
{
    private readonly ICallReconciliationStore _store;
    private readonly TwilioConfigurationService _configurations;
    private readonly ITwilioClientFactory _clients;
    private readonly ReconciledChanges _changes;
    private readonly TwilioCallTrackingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CallReconciler> _logger;
    private const int UnconfirmedPageSize = 20;
    private static readonly TimeSpan UnconfirmedClockSkew = TimeSpan.FromMinutes(2);

    private readonly ICallStore _calls;
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    internal CallReconciler(
        ICallReconciliationStore store,
        ICallStore calls,
        TwilioConfigurationService configurations,
        ITwilioClientFactory clients,
        ReconciledChanges changes,
        IOptions<TwilioCallTrackingOptions> options,
        TimeProvider time,
        ILogger<CallReconciler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _calls = calls;
        _configurations = configurations;
        _clients = clients;
        _changes = changes;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs one sweep over the calls that are due now.</summary>
    public async Task<ReconciliationSweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var settings = _options.Reconciliation;
        var now = _time.GetUtcNow();
        var leases = await _store.ClaimAsync(new ReconciliationCriteria
        {
            Now = now,
            StaleIfCreatedBefore = now - settings.StaleAfter,
            UnconfirmedIfCreatedBefore = now - settings.UnconfirmedCallDelay,
            PriceIfEndedBefore = now - settings.PriceDelay,
            MaxAttempts = settings.MaxAttempts,
            BatchSize = settings.BatchSize,
            Owner = _owner,
            LeaseExpiresAt = now + settings.LeaseDuration,
        }, cancellationToken);

        int updated = 0, notFound = 0, deferred = 0;
        foreach (var lease in leases)
        {
            Outcome outcome;
            try
            {
                outcome = await ReconcileAsync(lease, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One call that cannot be applied (its database write failed) must not strand the batch's other leases.
                Log.ReconciliationCallFailed(_logger, ex, lease.Call.Id, lease.Call.TenantId);
                outcome = Outcome.Unavailable;
            }

            var attempts = lease.Attempts + 1;
            DateTimeOffset? next = outcome is Outcome.Finished or Outcome.NotFound ? null : _time.GetUtcNow() + Backoff(attempts);
            try
            {
                if (!await _store.ReleaseAsync(lease, attempts, next, cancellationToken))
                {
                    Log.ReconciliationLeaseLost(_logger, lease.Call.Id);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The call stays leased until its lease expires, then is claimed again; the other leases are released.
                Log.ReconciliationCallFailed(_logger, ex, lease.Call.Id, lease.Call.TenantId);
            }

            updated += outcome == Outcome.Finished || outcome == Outcome.Changed ? 1 : 0;
            notFound += outcome == Outcome.NotFound ? 1 : 0;
            deferred += next is null ? 0 : 1;
        }

        return new ReconciliationSweepResult(leases.Count, updated, notFound, deferred);
    }

    private async Task<Outcome> ReconcileAsync(ReconciliationLease lease, CancellationToken cancellationToken)
    {
        var call = lease.Call;
        var configuration = await _configurations.FindAsync(call.TenantId, cancellationToken);
        if (configuration is null)
        {
            return Outcome.Unavailable;
        }

        if (call.TwilioCallSid is null)
        {
            return await FindUnconfirmedAsync(call, configuration, cancellationToken);
        }

        CallResource resource;
        try
        {
            resource = await CallResource.FetchAsync(pathSid: call.TwilioCallSid!, client: _clients.Create(configuration));
        }
        catch (ApiException ex) when (ex.Status == 404 || ex.Code == 20404)
        {
            Log.ReconciliationNotFound(_logger, call.Id, call.TwilioCallSid!, call.TenantId);
            await _changes.ApplyNotFoundAsync(call, ex.Message, cancellationToken);
            return Outcome.NotFound;
        }
        catch (Exception ex) when (TwilioFaults.IsFault(ex))
        {
            return Deferred(call, ex, cancellationToken);
        }

        var result = await _changes.ApplyAsync(call, resource, cancellationToken);
        var current = result ?? call;
        var finished = current.Status.IsTerminal() && current.Price is not null;
        return finished ? Outcome.Finished : result is null ? Outcome.Unchanged : Outcome.Changed;
    }

    /// <summary>
    /// A call whose create request got no answer: asks Twilio for the calls from the tenant's number to the call's number
    /// created around it. One that no stored call owns yet is this call's; with none, Twilio never placed it.
    /// </summary>
    private async Task<Outcome> FindUnconfirmedAsync(Call call, TwilioConfiguration configuration, CancellationToken cancellationToken)
    {
        List<CallResource> candidates;
        try
        {
            var client = _clients.Create(configuration);
            var page = await CallResource.ReadAsync(new ReadCallOptions { To = new PhoneNumber(call.To), From = new PhoneNumber(call.From), PageSize = UnconfirmedPageSize, Limit = UnconfirmedPageSize }, client);
            candidates = [.. page];
        }
        catch (Exception ex) when (TwilioFaults.IsFault(ex))
        {
            return Deferred(call, ex, cancellationToken);
        }

        // Twilio's clock and ours may differ a little; a call created well before ours was asked for is another one.
        var earliest = call.CreatedAt - UnconfirmedClockSkew;
        foreach (var candidate in candidates
            .Where(c => c.ParentCallSid is null && c.DateCreated is { } created && new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) >= earliest)
            .OrderBy(c => c.DateCreated))
        {
            if (await _calls.FindBySidAsync(call.TenantId, candidate.Sid, cancellationToken) is null)
            {
                Log.UnconfirmedCallFound(_logger, call.Id, call.TenantId, candidate.Sid);
                var result = await _changes.ApplyAsync(call, candidate, cancellationToken);
                var current = result ?? call;
                return current.Status.IsTerminal() && current.Price is not null ? Outcome.Finished : Outcome.Changed;
            }
        }

        Log.UnconfirmedCallMissing(_logger, call.Id, call.TenantId);
        await _changes.ApplyNeverPlacedAsync(call, earliest, cancellationToken);
        return Outcome.NotFound;
    }

    /// <summary>Twilio could not answer now (a fault, a time-out, the network): the call is tried again after the back-off.</summary>
    private Outcome Deferred(Call call, Exception exception, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Log.ReconciliationDeferred(_logger, call.Id, call.TenantId, (exception as ApiException)?.Code, exception.Message);
        return Outcome.Unavailable;
    }

    private TimeSpan Backoff(int attempts)
    {
        var settings = _options.Reconciliation;
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(settings.FirstRetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
    }

    private enum Outcome
    {
        Finished,
        Changed,
        Unchanged,
        NotFound,
        Unavailable,
    }
}
