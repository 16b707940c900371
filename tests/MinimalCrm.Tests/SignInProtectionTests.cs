using System.Net;
using MinimalCrm.Tests.Infrastructure;

namespace MinimalCrm.Tests;

/// <summary>Guessing passwords: an e-mail address is locked after failures in a row, and one address may post the form only so often.</summary>
public sealed class SignInProtectionTests
{
    [Fact]
    public async Task FailuresInARow_LockTheAddress_EvenForTheRightPassword_ButNotOtherUsers()
    {
        await using var app = new CrmAppFactory(new Dictionary<string, string?> { ["SignIn:MaxFailedAttempts"] = "3" });
        using var client = SignInForm.Client(app.Start());

        for (var i = 0; i < 3; i++)
        {
            Assert.False(SignInForm.SignedIn(await SignInForm.PostAsync(client, "ravi@acme.test", "guess-" + i)));
        }

        var locked = await SignInForm.PostAsync(client, "ravi@acme.test", CrmPages.DemoPassword);
        using var otherClient = SignInForm.Client(app.BaseUrl);
        var other = await SignInForm.PostAsync(otherClient, "rita@globex.test", CrmPages.DemoPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many failed sign-ins for this e-mail address: it is locked for 15 more minute(s).", WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(SignInForm.SignedIn(locked));
        Assert.True(SignInForm.SignedIn(other));
    }

    [Fact]
    public async Task OneAddress_PostingTheFormTooOften_Gets429_WithRetryAfter()
    {
        await using var app = new CrmAppFactory(new Dictionary<string, string?> { ["SignIn:PermitsPerAddress"] = "4", ["SignIn:Window"] = "00:10:00" });
        using var client = SignInForm.Client(app.Start());

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // A different address each time: the lockout (per e-mail address) never applies, only the limit per client address.
            answers.Add((await SignInForm.PostAsync(client, $"nobody{i}@acme.test", "guess")).StatusCode);
        }

        var refused = await SignInForm.PostAsync(client, "alice@acme.test", CrmPages.DemoPassword);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.StartsWith("Too many sign-in attempts from this address", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }
}
