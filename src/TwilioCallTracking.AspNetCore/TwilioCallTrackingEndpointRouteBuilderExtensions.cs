namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Twilio voice webhooks and the call API (filled in by the ASP.NET Core issue).</summary>
public static class TwilioCallTrackingEndpointRouteBuilderExtensions
{
}
