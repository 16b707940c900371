namespace TwilioCallTracking;

/// <summary>The webhook routes under <see cref="TwilioCallTrackingOptions.WebhookPathPrefix"/>, and the query parameters this library adds.</summary>
public static class WebhookPaths
{
    /// <summary>Inbound calls: Twilio asks what to do (set as the number's Voice URL in the Twilio Console).</summary>
    public const string Answer = "/answer";

    /// <summary>Call status callbacks, parent and child legs.</summary>
    public const string Status = "/status";

    /// <summary>Recording status callbacks.</summary>
    public const string Recording = "/recording";

    /// <summary>The <c>&lt;Dial&gt;</c> action: the forwarded leg ended.</summary>
    public const string DialAction = "/dial-action";

    /// <summary>Query parameter naming the tenant, on every callback URL this library gives Twilio (it is signed with the URL).</summary>
    public const string TenantQueryParameter = "tenant";

    /// <summary>Query parameter naming the call (<see cref="Call.Id"/>) an outbound callback is about, before its SID is stored.</summary>
    public const string CallQueryParameter = "call";
}
