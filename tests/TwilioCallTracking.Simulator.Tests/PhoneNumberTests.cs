using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using TwilioCallTracking.Simulator.Tests.Support;

namespace TwilioCallTracking.Simulator.Tests;

public sealed class PhoneNumberTests
{
    [Fact]
    public async Task ReadByPhoneNumber_AnswersTheNumbersVoiceUrlAndStatusCallback()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var numbers = await IncomingPhoneNumberResource.ReadAsync(phoneNumber: new PhoneNumber(CallTrackingHarness.TwilioNumber), client: harness.Client);

        var number = Assert.Single(numbers);
        Assert.StartsWith("PN", number.Sid, StringComparison.Ordinal);
        Assert.Equal(CallTrackingHarness.TwilioNumber, number.PhoneNumber.ToString());
        Assert.Equal(harness.Receiver.Url("/api/twilio/voice/answer"), number.VoiceUrl);
        Assert.Equal(harness.Receiver.Url("/api/twilio/voice/status"), number.StatusCallback);
        Assert.Equal(Twilio.Http.HttpMethod.Post, number.VoiceMethod);
        Assert.Equal(harness.Account.Sid, number.AccountSid);
    }

    [Fact]
    public async Task ReadByANumberTheAccountDoesNotHave_AnswersAnEmptyList()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var numbers = await IncomingPhoneNumberResource.ReadAsync(phoneNumber: new PhoneNumber("+19995550100"), client: harness.Client);

        Assert.Empty(numbers);
    }

    [Fact]
    public async Task Update_ChangesWhereInboundCallsGo()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        var number = (await IncomingPhoneNumberResource.ReadAsync(phoneNumber: new PhoneNumber(CallTrackingHarness.TwilioNumber), client: harness.Client)).Single();
        harness.Receiver.Respond = w => Task.FromResult(w.Path == "/v2/answer" ? WebhookReceiver.Twiml("<Response><Hangup/></Response>") : null);

        var updated = await IncomingPhoneNumberResource.UpdateAsync(
            pathSid: number.Sid, voiceUrl: harness.Receiver.Url("/v2/answer"), statusCallback: harness.Receiver.Url("/v2/status"), client: harness.Client);
        var fetched = await IncomingPhoneNumberResource.FetchAsync(pathSid: number.Sid, client: harness.Client);
        var call = await harness.Simulator.SimulateInboundCallAsync("+12125550147", CallTrackingHarness.TwilioNumber);
        await harness.Simulator.WaitForCallAsync(call.Sid).WaitAsync(SdkCalls.Patience);

        Assert.Equal(harness.Receiver.Url("/v2/answer"), updated.VoiceUrl);
        Assert.Equal(harness.Receiver.Url("/v2/status"), fetched.StatusCallback);
        Assert.Single(harness.Receiver.At("/v2/answer"));
        Assert.Equal("completed", Assert.Single(harness.Receiver.At("/v2/status"))["CallStatus"]);
        Assert.Empty(harness.Receiver.At("/api/twilio/voice/answer"));
    }
}
