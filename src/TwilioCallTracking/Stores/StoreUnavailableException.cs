namespace TwilioCallTracking;

/// <summary>
/// The store could not be reached, or did not answer within <see cref="TwilioCallTrackingOptions.StoreTimeout"/>
/// (the database is down, locked by another process, or too slow): what was asked may not have been written. The
/// webhooks answer 503 with <c>Retry-After</c>, so Twilio retries; a retry of a change that was committed after all is
/// recognised as a duplicate, never stored twice.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause (the database's own error).</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
