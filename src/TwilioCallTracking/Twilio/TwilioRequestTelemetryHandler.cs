using System.Diagnostics;

namespace TwilioCallTracking;

/// <summary>
/// On the named <see cref="HttpClient"/> every Twilio REST request goes through (the SDK's and the recording media's):
/// a <c>twilio {operation}</c> span (operation, tenant, call SID where the path names one, HTTP status, outcome), the
/// <c>twilio_call_tracking.twilio.request.duration</c> histogram, and each tenant's 401 answers for the credentials
/// health check. It reads the method and the path only: never a header, the query or the body.
/// </summary>
/// <param name="metrics">Where the durations go.</param>
/// <param name="credentials">Remembers the tenants whose credentials Twilio refused.</param>
/// <param name="time">The clock the durations are measured on.</param>
internal sealed class TwilioRequestTelemetryHandler(CallTrackingMetrics metrics, TwilioCredentialFailures credentials, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (operation, callSid) = TwilioOperations.Of(request.Method, request.RequestUri);
        var tenantId = TwilioRequestTenant.Current;
        var started = time.GetTimestamp();
        using var activity = CallTrackingActivitySource.Source.StartActivity("twilio " + operation);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryTags.TwilioOperation, operation);
            activity.SetTag(TelemetryTags.TenantId, tenantId);
            activity.SetTag(TelemetryTags.CallSid, callSid);
        }

        var outcome = TelemetryOutcomes.Error;
        int? status = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            outcome = status switch
            {
                < 400 => TelemetryOutcomes.Ok,
                < 500 => TelemetryOutcomes.Refused,
                _ => TelemetryOutcomes.TwilioFailed,
            };
            activity?.SetTag(TelemetryTags.HttpStatusCode, status);
            if (status >= 400)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            Remember(tenantId, status.Value);
            return response;
        }
        catch (Exception ex)
        {
            outcome = ex switch
            {
                // The SDK passes no token: a cancellation here is the HTTP client's timeout (or a recording's caller leaving).
                OperationCanceledException or TimeoutException => TelemetryOutcomes.Timeout,
                HttpRequestException => TelemetryOutcomes.Unreachable,
                _ => TelemetryOutcomes.Error,
            };
            TelemetryOutcomes.Fail(activity, ex);
            throw;
        }
        finally
        {
            activity?.SetTag(TelemetryTags.Outcome, outcome);
            metrics.TwilioRequested(operation, outcome, status, time.GetElapsedTime(started));
        }
    }

    private void Remember(string? tenantId, int status)
    {
        if (tenantId is null)
        {
            return;
        }

        // 401 is Twilio's error 20003: the account SID and auth token do not authenticate.
        if (status == 401)
        {
            credentials.Refused(tenantId);
        }
        else if (status < 400)
        {
            credentials.Accepted(tenantId);
        }
    }
}
