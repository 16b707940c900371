using System.Buffers;
using System.Text;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore.Webhooks;

/// <summary>
/// Turns a raw form body into <see cref="TwilioRequestParameters"/>: every pair in the order sent, repeated names kept,
/// names case-sensitive (unlike <c>IFormCollection</c>, which merges <c>CallSid</c> and <c>callsid</c> and joins repeats).
/// </summary>
internal static class TwilioFormReader
{
    public static TwilioRequestParameters Read(ReadOnlySpan<byte> body)
    {
        var entries = ArrayPool<FormEntry>.Shared.Rent(FormUrlEncoding.MaxEntries(body));
        var decoded = ArrayPool<byte>.Shared.Rent(body.Length);
        try
        {
            var count = FormUrlEncoding.Decode(body, decoded, entries, out _);
            var pairs = new KeyValuePair<string, string>[count];
            for (var i = 0; i < count; i++)
            {
                var entry = entries[i];
                pairs[i] = new(Encoding.UTF8.GetString(entry.Name(decoded)), Encoding.UTF8.GetString(entry.Value(decoded)));
            }

            return new TwilioRequestParameters(pairs);
        }
        finally
        {
            ArrayPool<FormEntry>.Shared.Return(entries);
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }
}
