using System.Globalization;
using System.Text;
using Twilio.Security;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Signatures;

/// <summary>
/// Our validator against the Twilio SDK's own <see cref="RequestValidator"/> as the oracle, over many generated
/// requests: unicode, empty values, characters that need escaping, query strings, ports. Every verdict must agree.
/// </summary>
public sealed class TwilioSignatureOracleTests
{
    private const int Cases = 600;

    private static readonly string[] TwilioNames =
    [
        "AccountSid", "ApiVersion", "CallSid", "CallStatus", "Called", "CalledCity", "CalledCountry", "CalledState", "CalledZip",
        "Caller", "CallerCity", "CallerCountry", "CallerState", "CallerZip", "CallbackSource", "Direction", "From", "FromCity",
        "FromCountry", "FromState", "FromZip", "ParentCallSid", "SequenceNumber", "Timestamp", "To", "ToCity", "ToCountry",
        "ToState", "ToZip", "CallDuration", "Duration", "SipResponseCode", "RecordingSid", "RecordingUrl", "RecordingStatus",
        "RecordingDuration", "RecordingChannels", "RecordingSource", "Digits", "callsid", "_x", "a", "A", "Z9", "é", "Ünïcode",
        "名前", "x\U0001F600", "\uFF21", "\uE000key", "k\U00010000",
    ];

    private static readonly string[] ValuePieces =
    [
        "", " ", "+", "&", "=", "%", "%20", "+14155550100", "CA", "0123456789abcdef", "in-progress", "SAN FRANCISCO", "é", "Ω",
        "中文", "😀", "\uFFFD", "\uFF21", "a/b?c#d", "tab\tnew\nline", "quote\"'", "<xml>", "~!*()'", "\u00A0",
    ];

    private static readonly string[] Hosts = ["example.com", "crm.example.org", "abc123.ngrok.io", "short-shrimps-build.loca.lt", "127.0.0.1"];

    private static readonly string[] Paths = ["/api/twilio/voice/status", "/api/twilio/voice/answer", "/", "/myapp.php", "/crm/api/twilio/voice/recording", "/a-b_c.d/~e"];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 0; seed < Cases; seed += 50)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SignedRequests_ValidateLikeTheSdk(int firstSeed)
    {
        for (var seed = firstSeed; seed < firstSeed + 50; seed++)
        {
            var random = new Random(seed);
            var request = Generate(random);
            var signedUrl = random.Next(2) == 0 ? request.UrlWithoutPort : request.UrlWithPort;
            var signature = TwilioSigner.Sign(request.Token, signedUrl, request.Pairs);

            var sdk = new RequestValidator(request.Token).Validate(request.Url, request.Dictionary, signature);
            var ours = Validate(request, signature);

            Assert.True(sdk, $"seed {seed}: the SDK refused {request}");
            Assert.True(ours == TwilioSignatureResult.Valid, $"seed {seed}: ours said {ours} for {request}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SignedRequestsWithTwiliosOwnNames_ValidateLikeTheSdk(int firstSeed)
    {
        // Only Twilio's plain names: the validator's usual path (raw names sorted, each value decoded in place), with
        // the same few shapes again and again, as Twilio sends them (the remembered sort orders are exercised too).
        for (var seed = firstSeed; seed < firstSeed + 50; seed++)
        {
            var random = new Random(seed);
            var request = Generate(random, plainNames: true);
            var signature = TwilioSigner.Sign(request.Token, request.UrlWithoutPort, request.Pairs);

            Assert.True(new RequestValidator(request.Token).Validate(request.Url, request.Dictionary, signature), $"seed {seed}: the SDK refused {request}");
            Assert.True(Validate(request, signature) == TwilioSignatureResult.Valid, $"seed {seed}: ours refused {request}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TamperedRequests_AreRefusedLikeTheSdk(int firstSeed)
    {
        for (var seed = firstSeed; seed < firstSeed + 50; seed++)
        {
            var random = new Random(seed);
            var request = Generate(random);
            var (what, signature) = Tamper(random, request);

            var sdk = new RequestValidator(request.Token).Validate(request.Url, request.Dictionary, signature);
            var ours = Validate(request, signature);

            Assert.False(sdk, $"seed {seed} ({what}): the SDK accepted {request}");
            Assert.True(ours == TwilioSignatureResult.Mismatch, $"seed {seed} ({what}): ours said {ours} for {request}");
        }
    }

    private static TwilioSignatureResult Validate(GeneratedRequest request, string signature) =>
        TwilioSignatureValidator.ValidateFormPost(request.Token, TwilioRequestUrl.Parse(request.Url), request.Body, signature);

    private static (string What, string Signature) Tamper(Random random, GeneratedRequest request)
    {
        var pairs = request.Pairs.ToList();
        switch (random.Next(5))
        {
            case 0:
                return ("other token", TwilioSigner.Sign(NewToken(random), request.UrlWithoutPort, pairs));
            case 1 when pairs.Count > 0:
                var index = random.Next(pairs.Count);
                pairs[index] = new(pairs[index].Key, pairs[index].Value + "x");
                return ("changed value", TwilioSigner.Sign(request.Token, request.UrlWithoutPort, pairs));
            case 2 when pairs.Count > 0:
                pairs.RemoveAt(random.Next(pairs.Count));
                return ("dropped parameter", TwilioSigner.Sign(request.Token, request.UrlWithoutPort, pairs));
            case 3:
                return ("other path", TwilioSigner.Sign(request.Token, request.UrlWithoutPort.Replace(request.Path, request.Path + "x", StringComparison.Ordinal), pairs));
            default:
                pairs.Add(new("Extra", "1"));
                return ("added parameter", TwilioSigner.Sign(request.Token, request.UrlWithoutPort, pairs));
        }
    }

    private static GeneratedRequest Generate(Random random, bool plainNames = false)
    {
        var scheme = random.Next(3) == 0 ? "http" : "https";
        var host = Hosts[random.Next(Hosts.Length)];
        // An explicit default port (https://host:443/) is left to its own test: Twilio's SDK cannot see it (Uri hides
        // default ports), so it never tries that URL without the port.
        var port = random.Next(3) == 0 ? 8443 : -1;
        var path = Paths[random.Next(Paths.Length)];
        var query = random.Next(3) switch
        {
            0 => string.Empty,
            1 => $"?tenant={Uri.EscapeDataString(RandomValue(random))}&call={Guid.NewGuid():N}",
            _ => "?foo=1&bar=" + Uri.EscapeDataString(RandomValue(random)),
        };
        var names = plainNames
            ? [.. TwilioNames.Where(n => n.All(char.IsAsciiLetterOrDigit)).OrderBy(n => n.Length).ThenByDescending(n => n, StringComparer.Ordinal).Take(10 + (random.Next(4) * 8))]
            : TwilioNames.OrderBy(_ => random.Next()).Take(random.Next(0, 36)).ToList();
        var pairs = names.Select(n => new KeyValuePair<string, string>(n, RandomValue(random))).ToList();
        var authority = port < 0 ? host : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
        var defaultPort = scheme == "https" ? 443 : 80;
        return new GeneratedRequest(
            NewToken(random),
            $"{scheme}://{authority}{path}{query}",
            $"{scheme}://{host}{path}{query}",
            $"{scheme}://{host}:{(port < 0 ? defaultPort : port).ToString(CultureInfo.InvariantCulture)}{path}{query}",
            path,
            pairs,
            Encode(random, pairs));
    }

    private static string RandomValue(Random random)
    {
        var builder = new StringBuilder();
        var pieces = random.Next(0, 4);
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(ValuePieces[random.Next(ValuePieces.Length)]);
        }

        return builder.ToString();
    }

    private static string NewToken(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    // Encodes the body in one of the ways a client may: '+' or %20 for spaces, upper- or lowercase hex, needless escapes.
    private static byte[] Encode(Random random, List<KeyValuePair<string, string>> pairs)
    {
        var style = random.Next(3);
        string Escape(string s)
        {
            var escaped = Uri.EscapeDataString(s);
            return style switch
            {
                0 => escaped.Replace("%20", "+", StringComparison.Ordinal),
                1 => LowercaseEscapes(escaped),
                _ => EscapeUnreserved(escaped),
            };
        }

        return Encoding.ASCII.GetBytes(string.Join("&", pairs.Select(p => Escape(p.Key) + "=" + Escape(p.Value))));
    }

    // Escapes some characters that need no escaping ('A' as %41, '-' as %2D), leaving existing escapes whole.
    private static string EscapeUnreserved(string escaped)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%')
            {
                builder.Append(escaped, i, 3);
                i += 2;
            }
            else
            {
                builder.Append(escaped[i] switch { 'A' => "%41", '-' => "%2D", var c => c.ToString() });
            }
        }

        return builder.ToString();
    }

    private static string LowercaseEscapes(string escaped)
    {
        var chars = escaped.ToCharArray();
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] == '%')
            {
                chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
                chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
            }
        }

        return new string(chars);
    }

    private sealed record GeneratedRequest(
        string Token, string Url, string UrlWithoutPort, string UrlWithPort, string Path, List<KeyValuePair<string, string>> Pairs, byte[] Body)
    {
        public Dictionary<string, string> Dictionary => Pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        public override string ToString() =>
            $"{Url} with {Pairs.Count} parameters: {Encoding.ASCII.GetString(Body)}";
    }
}
