namespace TwilioCallTracking.Tests.Notifications;

/// <summary>Standard Webhooks signatures, as a receiver checks them.</summary>
public class WebhookSignatureTests
{
    private const string Body = """{"id":"n1","type":"call.ended"}""";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Secret = WebhookSignature.NewSecret();

    [Fact]
    public void Signature_Verifies_WithTheSameSecretIdTimestampAndBody()
    {
        var signature = WebhookSignature.Sign(Secret, "msg-1", Now, Body);

        Assert.StartsWith("v1,", signature, StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify(Secret, "msg-1", Now.ToUnixTimeSeconds().ToString(), signature, Body, Now.AddSeconds(30)));
    }

    [Theory]
    [InlineData("msg-2", 0, Body)]
    [InlineData("msg-1", 0, """{"id":"n1","type":"call.started"}""")]
    [InlineData("msg-1", 1, Body)]
    public void ChangedIdBodyOrTimestamp_DoesNotVerify(string id, int timestampShift, string body)
    {
        var signature = WebhookSignature.Sign(Secret, "msg-1", Now, Body);

        Assert.False(WebhookSignature.Verify(Secret, id, (Now.ToUnixTimeSeconds() + timestampShift).ToString(), signature, body, Now));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void TimestampOutsideTolerance_IsAReplay(int secondsAway)
    {
        var signedAt = Now.AddSeconds(secondsAway);
        var signature = WebhookSignature.Sign(Secret, "msg-1", signedAt, Body);

        Assert.False(WebhookSignature.Verify(Secret, "msg-1", signedAt.ToUnixTimeSeconds().ToString(), signature, Body, Now));
        Assert.True(WebhookSignature.Verify(Secret, "msg-1", signedAt.ToUnixTimeSeconds().ToString(), signature, Body, Now, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void AnyOfSeveralSignatures_Verifies_AndAnotherSecretNever()
    {
        var signature = WebhookSignature.Sign(Secret, "msg-1", Now, Body);
        var timestamp = Now.ToUnixTimeSeconds().ToString();

        Assert.True(WebhookSignature.Verify(Secret, "msg-1", timestamp, "v1,AAAA " + signature, Body, Now));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), "msg-1", timestamp, signature, Body, Now));
        Assert.False(WebhookSignature.Verify(Secret, "msg-1", timestamp, "v2," + signature[3..], Body, Now));
        Assert.False(WebhookSignature.Verify(Secret, "msg-1", "soon", signature, Body, Now));
        Assert.False(WebhookSignature.Verify(Secret, null, timestamp, signature, Body, Now));
        Assert.False(WebhookSignature.Verify(Secret, "msg-1", timestamp, "v1,not base64!", Body, Now));
    }

    [Fact]
    public void Signature_MatchesTheStandardWebhooksReferenceVector()
    {
        // The example of the Standard Webhooks specification (standardwebhooks.com): same secret, id, timestamp and body.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string body = """{"test": 2432232314}""";
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(1614265330);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp, body));
    }
}
