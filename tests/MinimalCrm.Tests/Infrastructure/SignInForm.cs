using System.Net;
using System.Text.RegularExpressions;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>Posts the sign-in form over HTTP, as a browser would (its antiforgery token included), without a browser.</summary>
public static partial class SignInForm
{
    /// <summary>An HTTP client for <paramref name="baseUrl"/> that keeps cookies and does not follow redirects.</summary>
    public static HttpClient Client(Uri baseUrl) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUrl };

    /// <summary>Shows the sign-in page, then posts <paramref name="email"/> and <paramref name="password"/> with the page's token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = Token().Match(page);
        Assert.True(token.Success, "The sign-in page has no antiforgery token.");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token.Groups[1].Value,
        }));
    }

    /// <summary>Whether <paramref name="response"/> signed the user in: a redirect away from the sign-in page that sets the auth cookie.</summary>
    public static bool SignedIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith("minimalcrm.auth=", StringComparison.Ordinal));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
