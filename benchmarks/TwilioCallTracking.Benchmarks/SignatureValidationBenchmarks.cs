using TwilioCallTracking.AspNetCore;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Twilio.Security;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Benchmarks;

/// <summary>
/// X-Twilio-Signature on a realistic 29-parameter status callback: the floor (one HMAC-SHA1 over the signed string,
/// already built), our validator (decoding the raw form body, sorting, building the signed string, HMAC, constant-time
/// compare; with and without rebuilding the URL from an <see cref="HttpRequest"/>; and over the form already decoded,
/// as the webhook filter checks it after the one decode it shares with the endpoint), and the Twilio SDK's
/// <see cref="RequestValidator"/> given the parameters as a dictionary.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SignatureValidationBenchmarks
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private const string Url = "https://crm.example.com/api/twilio/voice/status?tenant=tenant-a&call=0195f1c2a3b44c5d8e6f708192a3b4c5";

    private byte[] _key = [];
    private byte[] _signedString = [];
    private byte[] _body = [];
    private string _signature = "";
    private TwilioRequestUrl _url;
    private HttpRequest _request = null!;
    private Uri _publicBaseUrl = null!;
    private RequestValidator _sdk = null!;
    private Dictionary<string, string> _parameters = [];
    private DecodedForm _form;

    [GlobalSetup]
    public void Setup()
    {
        var callback = TwilioPayloads.StatusCallback(
            "AC0123456789abcdef0123456789abcdef", "CA0123456789abcdef0123456789abcdef", "in-progress", 2, "+18777804236", "+14155550100",
            direction: "outbound-dial", parentCallSid: "CAfedcba9876543210fedcba9876543210");
        if (callback.Count != 29)
        {
            throw new InvalidOperationException($"Expected 29 parameters, got {callback.Count}.");
        }

        _key = Encoding.UTF8.GetBytes(Token);
        _signedString = Encoding.UTF8.GetBytes(Url + string.Concat(callback.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value)));
        _body = TwilioWebhookRequests.EncodeForm(callback);
        _signature = TwilioSigner.Sign(Token, Url, callback);
        _url = TwilioRequestUrl.Parse(Url);
        _publicBaseUrl = new Uri("https://crm.example.com");
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 5000);
        context.Request.Path = "/api/twilio/voice/status";
        context.Request.QueryString = new QueryString(Url[Url.IndexOf('?', StringComparison.Ordinal)..]);
        _request = context.Request;
        _sdk = new RequestValidator(Token);
        _parameters = callback.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _form = DecodedForm.Decode(_body);

        if (!Ours() || !OursWithUrlFromRequest() || !OursDecoded() || !TwilioSdk())
        {
            throw new InvalidOperationException("A validator refused the benchmark's valid request.");
        }
    }

    [Benchmark(Baseline = true, Description = "HMAC-SHA1 only (floor)")]
    public byte HmacSha1Only()
    {
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // Twilio's protocol.
        HMACSHA1.HashData(_key, _signedString, hash);
#pragma warning restore CA5350
        return hash[0];
    }

    [Benchmark(Description = "Ours: raw body + URL")]
    public bool Ours() => TwilioSignatureValidator.ValidateFormPost(Token, _url, _body, _signature) == TwilioSignatureResult.Valid;

    [Benchmark(Description = "Ours: raw body + URL rebuilt from HttpRequest")]
    public bool OursWithUrlFromRequest() =>
        TwilioSignatureValidator.ValidateFormPost(Token, TwilioRequestUrl.FromRequest(_request, _publicBaseUrl), _body, _signature) == TwilioSignatureResult.Valid;

    [Benchmark(Description = "Ours: form decoded beforehand + URL")]
    public bool OursDecoded() => TwilioSignatureValidator.ValidateFormPost(Token, _url, _form, _signature) == TwilioSignatureResult.Valid;

    [Benchmark(Description = "Twilio SDK RequestValidator (dictionary)")]
    public bool TwilioSdk() => _sdk.Validate(Url, _parameters, _signature);

    [GlobalCleanup]
    public void Cleanup() => _form.Dispose();
}
