using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>How a <c>&lt;Dial&gt;</c> ended: what its action request reports.</summary>
/// <param name="ChildSid">The dialled leg, when one was created.</param>
/// <param name="DialCallStatus">completed, busy, no-answer, failed or canceled.</param>
/// <param name="DurationSeconds">The dialled leg's talk time.</param>
/// <param name="Recording">The Dial's recording, when it recorded.</param>
internal sealed record DialOutcome(string? ChildSid, string DialCallStatus, int DurationSeconds, RecordingWebhookInfo? Recording);
