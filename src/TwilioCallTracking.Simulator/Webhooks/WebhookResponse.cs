namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>What the receiver of a webhook answered; <see cref="Status"/> is <see langword="null"/> when nothing came back.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body (TwiML for an answer, action or redirect).</param>
/// <param name="Error">Why no usable answer came.</param>
internal sealed record WebhookResponse(int? Status, string? Body, string? Error)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
