namespace TwilioCallTracking.AspNetCore.Webhooks;

/// <summary>
/// Turns a raw form body into <see cref="TwilioRequestParameters"/>: every pair in the order sent, repeated names kept,
/// names case-sensitive (unlike <c>IFormCollection</c>, which merges <c>CallSid</c> and <c>callsid</c> and joins repeats).
/// </summary>
internal static class TwilioFormReader
{
    public static TwilioRequestParameters Read(ReadOnlySpan<byte> body)
    {
        using var form = DecodedForm.Decode(body);
        return form.ToParameters();
    }
}
