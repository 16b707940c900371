using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TwilioCallTracking.Simulator.Rest;

/// <summary>
/// HTTP Basic authentication as Twilio's REST API does it: the user is the account SID in the path and the password its
/// auth token, or the user is one of the account's API key SIDs and the password its secret. Anything else is refused
/// with 401 and error 20003.
/// </summary>
internal static class AccountAuthentication
{
    private const string AccountKey = "TwilioCallTracking.Simulator.Account";

    /// <summary>The endpoint filter for routes with an <c>{accountSid}</c>.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var simulator = http.RequestServices.GetSimulator();
        var accountSid = http.GetRouteValue("accountSid") as string ?? string.Empty;
        if (Authenticate(http, simulator, accountSid) is not { } account)
        {
            return Refuse(http);
        }

        http.Items[AccountKey] = account;
        return await next(context);
    }

    /// <summary>The account the request authenticated as, or <see langword="null"/>.</summary>
    public static SimulatedAccount? Authenticate(HttpContext http, TwilioSimulator simulator, string accountSid)
    {
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : simulator.Accounts.Authenticate(accountSid, credentials[..colon], credentials[(colon + 1)..]);
    }

    /// <summary>401 with Twilio's 20003 error and its <c>WWW-Authenticate</c> challenge.</summary>
    public static IResult Refuse(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
        return TwilioApiError.Authenticate().ToResult();
    }

    /// <summary>The account the filter authenticated.</summary>
    public static SimulatedAccount Account(this HttpContext http) => (SimulatedAccount)http.Items[AccountKey]!;
}
