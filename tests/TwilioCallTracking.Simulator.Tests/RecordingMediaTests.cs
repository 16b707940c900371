using System.Buffers.Binary;
using System.Net;
using NLayer;
using Twilio.Rest.Api.V2010.Account;
using TwilioCallTracking.Simulator.Tests.Support;

namespace TwilioCallTracking.Simulator.Tests;

public sealed class RecordingMediaTests
{
    [Fact]
    public async Task Wav_IsAValidPcmFileAsLongAsTheRecording_WithA440HzTone()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        var url = await RecordingUrlAsync(harness);
        using var http = new HttpClient();

        using var response = await http.GetAsync(url + ".wav");
        var wav = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/x-wav", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(wav, 8, 4));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(20)));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)));
        Assert.Equal(8000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        Assert.Equal(7 * 8000 * 2, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)));
        Assert.Equal(44 + (7 * 8000 * 2), wav.Length);
        Assert.InRange(ZeroCrossingsInFirstSecond(wav, channels: 1, channel: 0), 870, 890);
    }

    [Fact]
    public async Task NoExtension_ServesTheWav()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        var url = await RecordingUrlAsync(harness);
        using var http = new HttpClient();

        using var response = await http.GetAsync(url);

        Assert.Equal("audio/x-wav", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task RangeRequest_Answers206WithThatSlice()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        var url = await RecordingUrlAsync(harness);
        using var http = new HttpClient();
        var whole = await http.GetByteArrayAsync(url + ".wav");

        using var request = new HttpRequestMessage(HttpMethod.Get, url + ".wav");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(1000, 1099);
        using var response = await http.SendAsync(request);
        var slice = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 1000-1099/{whole.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(whole.AsSpan(1000, 100).ToArray(), slice);
    }

    [Fact]
    public async Task Mp3_DecodesWithAnIndependentDecoder_ToTheRecordingsLength()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        var url = await RecordingUrlAsync(harness);
        using var http = new HttpClient();

        using var response = await http.GetAsync(url + ".mp3");
        var mp3 = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType!.MediaType);
        using var decoder = new MpegFile(new MemoryStream(mp3));
        var samples = new float[16000];
        long total = 0;
        int read;
        while ((read = decoder.ReadSamples(samples, 0, samples.Length)) > 0)
        {
            total += read;
        }

        Assert.Equal(16000, decoder.SampleRate);
        Assert.Equal(1, decoder.Channels);
        Assert.InRange(total / 16000.0, 7.0, 7.04);
    }

    [Fact]
    public async Task DualChannelDialRecording_ServesBothChannels_WhenAskedFor()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        harness.Receiver.Respond = w => Task.FromResult(w.Path.EndsWith("/answer", StringComparison.Ordinal)
            ? WebhookReceiver.Twiml($"<Response><Dial record=\"record-from-answer-dual\"><Number>{CallTrackingHarness.DefaultForwardTo}</Number></Dial></Response>")
            : null);
        var parent = await harness.Simulator.SimulateInboundCallAsync("+12125550147", CallTrackingHarness.TwilioNumber);
        var done = await harness.Simulator.WaitForCallAsync(parent.Sid).WaitAsync(SdkCalls.Patience);
        var recording = harness.Simulator.GetRecording(Assert.Single(done.RecordingSids))!;
        using var http = new HttpClient();

        var dual = await http.GetByteArrayAsync(recording.Url + ".wav?RequestedChannels=2");
        var mono = await http.GetByteArrayAsync(recording.Url + ".wav");
        using var mp3 = new MpegFile(new MemoryStream(await http.GetByteArrayAsync(recording.Url + ".mp3?RequestedChannels=2")));

        Assert.Equal(2, recording.Channels);
        Assert.Equal(7, recording.DurationSeconds);
        Assert.Equal(2, BinaryPrimitives.ReadInt16LittleEndian(dual.AsSpan(22)));
        Assert.InRange(ZeroCrossingsInFirstSecond(dual, channels: 2, channel: 0), 870, 890);
        Assert.InRange(ZeroCrossingsInFirstSecond(dual, channels: 2, channel: 1), 1090, 1110);
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(mono.AsSpan(22)));
        Assert.Equal(2, mp3.Channels);
    }

    [Fact]
    public async Task RecordingResource_NeedsCredentials_AndDescribesTheRecording()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        var sid = await SdkCalls.PlaceAsync(harness, "+14155550123");
        var recordingSid = Assert.Single(harness.Simulator.GetCall(sid)!.RecordingSids);
        using var http = new HttpClient();

        var recording = await RecordingResource.FetchAsync(pathSid: recordingSid, client: harness.Client);
        using var anonymous = await http.GetAsync($"{harness.Twilio.BaseUrl}2010-04-01/Accounts/{harness.Account.Sid}/Recordings/{recordingSid}.json");

        Assert.Equal(sid, recording.CallSid);
        Assert.Equal(7, recording.Duration is { } d ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : -1);
        Assert.Equal(1, recording.Channels);
        Assert.Equal(RecordingResource.SourceEnum.Outboundapi, recording.Source);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task UnknownRecording_Answers404()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync($"{harness.Twilio.BaseUrl}2010-04-01/Accounts/{harness.Account.Sid}/Recordings/RE{new string('0', 32)}.mp3");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MediaAuthenticationTurnedOn_NeedsTheAccountsCredentials()
    {
        await using var harness = await CallTrackingHarness.StartAsync(o => o.RequireAuthenticationForMedia = true);
        var url = await RecordingUrlAsync(harness);
        using var anonymous = new HttpClient();
        using var authenticated = new HttpClient();
        authenticated.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{harness.Account.Sid}:{harness.Account.AuthToken}")));

        using var refused = await anonymous.GetAsync(url + ".mp3");
        using var served = await authenticated.GetAsync(url + ".mp3");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static async Task<string> RecordingUrlAsync(CallTrackingHarness harness)
    {
        await SdkCalls.PlaceAsync(harness, "+14155550123");
        return Assert.Single(harness.Receiver.At("/recording"))["RecordingUrl"]!;
    }

    private static int ZeroCrossingsInFirstSecond(byte[] wav, int channels, int channel)
    {
        var crossings = 0;
        short previous = 0;
        for (var i = 0; i < 8000; i++)
        {
            var sample = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (((i * channels) + channel) * 2)));
            if (i > 0 && (previous < 0) != (sample < 0))
            {
                crossings++;
            }

            previous = sample;
        }

        return crossings;
    }
}
