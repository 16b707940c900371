namespace TwilioCallTracking.Simulator.Webhooks;

/// <summary>The call leg a webhook is about: what Twilio puts in the normal request fields of every voice webhook.</summary>
/// <param name="AccountSid">The account (<c>AC…</c>).</param>
/// <param name="CallSid">The leg (<c>CA…</c>).</param>
/// <param name="From">The caller (E.164, or a raw caller ID such as <c>anonymous</c>).</param>
/// <param name="To">The callee.</param>
/// <param name="Direction">Twilio's direction: <c>inbound</c>, <c>outbound-api</c> or <c>outbound-dial</c>.</param>
public sealed record WebhookCallInfo(string AccountSid, string CallSid, string From, string To, string Direction)
{
    /// <summary>The parent leg, for a child leg made by <c>&lt;Dial&gt;</c>; absent on the first leg.</summary>
    public string? ParentCallSid { get; init; }
}
