using System.Diagnostics;

namespace TwilioCallTracking;

/// <summary>
/// Times a store operation and traces it: a <c>store {operation}</c> span (tenant, call id and SID where known, outcome)
/// around the store's own work, and the <c>twilio_call_tracking.store.operation.duration</c> histogram. Whatever the store
/// (in-memory, EF Core, a host's own), since the library reaches its stores through the traced ones.
/// </summary>
/// <param name="metrics">Where the durations go.</param>
/// <param name="time">The clock the durations are measured on.</param>
internal sealed class StoreTelemetry(CallTrackingMetrics metrics, TimeProvider time)
{
    public async Task<T> MeasureAsync<T>(
        StoreOperation operation, string? tenantId, Func<Task<T>> run, Func<T, string>? outcome = null, Guid? callId = null, string? callSid = null)
    {
        var started = time.GetTimestamp();
        using var activity = Start(operation, tenantId, callId, callSid);
        string result = TelemetryOutcomes.Error;
        try
        {
            var value = await run();
            result = outcome?.Invoke(value) ?? TelemetryOutcomes.Ok;
            return value;
        }
        catch (Exception ex)
        {
            result = ex is OperationCanceledException ? TelemetryOutcomes.Canceled : TelemetryOutcomes.Error;
            TelemetryOutcomes.Fail(activity, ex);
            throw;
        }
        finally
        {
            activity?.SetTag(TelemetryTags.Outcome, result);
            metrics.StoreOperated(operation.Name, result, time.GetElapsedTime(started));
        }
    }

    public Task MeasureAsync(StoreOperation operation, string? tenantId, Func<Task> run) =>
        MeasureAsync(operation, tenantId, async () =>
        {
            await run();
            return true;
        });

    private static Activity? Start(StoreOperation operation, string? tenantId, Guid? callId, string? callSid)
    {
        var activity = CallTrackingActivitySource.Source.StartActivity(operation.ActivityName);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryTags.StoreOperation, operation.Name);
            activity.SetTag(TelemetryTags.TenantId, tenantId);
            activity.SetTag(TelemetryTags.CallId, callId?.ToString("N"));
            activity.SetTag(TelemetryTags.CallSid, callSid);
        }

        return activity;
    }
}
