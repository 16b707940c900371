namespace TwilioCallTracking;

/// <summary>A Twilio number can route webhooks to one tenant only, and another tenant has it already.</summary>
public sealed class PhoneNumberInUseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PhoneNumberInUseException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PhoneNumberInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PhoneNumberInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exception for <paramref name="phoneNumber"/>.</summary>
    public static PhoneNumberInUseException For(string phoneNumber) =>
        new($"The Twilio number {phoneNumber} is already configured for another tenant: a number can route calls to one tenant only.");
}
