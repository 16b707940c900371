namespace TwilioCallTracking;

/// <summary>
/// The HTTP Basic credentials of one tenant's Twilio REST requests (the SDK's and the recording media's): the API key SID
/// and its secret when the tenant has an API key, else the account SID and its auth token. Never printed.
/// </summary>
/// <param name="username">The API key SID, or the account SID.</param>
/// <param name="password">The API key secret, or the auth token.</param>
internal readonly struct TwilioRestCredentials(string username, string password)
{
    public string Username { get; } = username;

    public string Password { get; } = password;

    /// <summary>The user name only: the password never reaches a log or a debugger's display.</summary>
    public override string ToString() => Username;
}
