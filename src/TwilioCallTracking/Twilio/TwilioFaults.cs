using Twilio.Exceptions;

namespace TwilioCallTracking;

/// <summary>What a failed create-call request tells about the call at Twilio.</summary>
internal enum CreateCallFailure
{
    /// <summary>Twilio answered with a 4xx error: it did not create the call.</summary>
    Refused,

    /// <summary>The request never left: the connection was refused, the name did not resolve, TLS failed.</summary>
    NotSent,

    /// <summary>The request may have reached Twilio (a timeout, a connection lost mid-way, a 5xx): the call may exist.</summary>
    OutcomeUnknown,
}

/// <summary>
/// Recognises the exceptions of a Twilio REST request that mean "no usable answer" rather than a bug, and sorts those of
/// <c>CallResource.CreateAsync</c>: only a definite refusal or a request that was never sent fails a call at once;
/// anything else leaves Twilio's side unknown (creating a call is not idempotent, so it is never retried either way).
/// </summary>
internal static class TwilioFaults
{
    /// <summary>
    /// Whether <paramref name="exception"/> is a failure to get Twilio's answer (the SDK's, the network's, a timeout),
    /// as opposed to a bug: the create-call path and the sweeper handle these.
    /// </summary>
    public static bool IsFault(Exception exception) =>
        exception is TwilioException or HttpRequestException or TaskCanceledException or TimeoutException;

    /// <summary>What a fault of a create-call request says about the call at Twilio.</summary>
    public static CreateCallFailure ClassifyCreate(Exception exception)
    {
        if (exception is ApiException { Status: >= 400 and < 500 })
        {
            return CreateCallFailure.Refused;
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError })
            {
                return CreateCallFailure.NotSent;
            }
        }

        return CreateCallFailure.OutcomeUnknown;
    }
}
