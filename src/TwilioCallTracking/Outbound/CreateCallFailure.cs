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
/// Sorts the exceptions of <c>CallResource.CreateAsync</c>: only a definite refusal or a request that was never sent
/// fails a call at once; anything else leaves Twilio's side unknown (creating a call is not idempotent, so it is never
/// retried either way).
/// </summary>
internal static class CreateCallFailures
{
    /// <summary>Whether <paramref name="exception"/> is one the create-call path handles (the SDK's, the network's, a timeout).</summary>
    public static bool IsHandled(Exception exception) =>
        exception is TwilioException or HttpRequestException or TaskCanceledException or TimeoutException;

    /// <summary>Classifies a handled exception.</summary>
    public static CreateCallFailure Classify(Exception exception)
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
