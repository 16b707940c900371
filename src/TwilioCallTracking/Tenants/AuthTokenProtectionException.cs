namespace TwilioCallTracking;

/// <summary>A protected auth token could not be decrypted: it was altered, or was encrypted with a key that is not configured.</summary>
public sealed class AuthTokenProtectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuthTokenProtectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AuthTokenProtectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AuthTokenProtectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
