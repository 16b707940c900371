using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A <see cref="TestApp"/> on the EF Core stores of a real database, migrated, with a short store budget
/// (<c>TwilioCallTracking:StoreTimeout</c>), and what the tests of a slow or unavailable database ask of its webhooks.
/// </summary>
public static class DatabaseTestApp
{
    /// <summary>The store budget the apps run with: short, so a test of a stuck database waits little.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The longest a webhook may take when its change cannot be stored: the budget, with generous room for a busy
    /// two-core machine, and still well under Twilio's 15 s.
    /// </summary>
    public static readonly TimeSpan AnswerBound = Budget + TimeSpan.FromSeconds(8);

    /// <summary>How long a test waits for the database to take Twilio's retries again (a restart, a pool that recovers).</summary>
    public static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    /// <summary>Starts the app with the stores <paramref name="addStores"/> registers, and migrates their database.</summary>
    public static async Task<TestApp> StartAsync(Action<TwilioCallTrackingBuilder> addStores)
    {
        var app = await TestApp.StartAsync(o => o.Services = builder =>
        {
            // Through configuration, as an application sets it (appsettings.json, environment variables).
            builder.Configuration["TwilioCallTracking:StoreTimeout"] = Budget.ToString("c");

            // The app is migrated after it starts: a sweep racing the migration would open (create) the SQLite file
            // first, and EF Core then leaves it in rollback-journal mode instead of WAL. The sweeper is not under test.
            builder.Configuration["TwilioCallTracking:Reconciliation:Enabled"] = "false";
            addStores(builder.Services.AddTwilioCallTracking());
        });
        await app.Services.MigrateCallTrackingDatabaseAsync();
        return app;
    }

    /// <summary>Posts a signed webhook and measures how long its answer took.</summary>
    public static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> TimedPostAsync(
        this TestApp app, string path, IEnumerable<KeyValuePair<string, string>> form, string authToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await app.PostWebhookAsync(path, form, authToken);
        return (response, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The answer a webhook must get when its change could not be stored: 503 with Retry-After, in time.</summary>
    public static void AssertUnavailable((HttpResponseMessage Response, TimeSpan Elapsed) answer)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Response.StatusCode);
        Assert.NotNull(answer.Response.Headers.RetryAfter);
        Assert.True(answer.Elapsed <= AnswerBound, $"The webhook answered after {answer.Elapsed}, over {AnswerBound} (store budget {Budget}).");
    }

    /// <summary>
    /// Posts the webhook again and again, as Twilio retries a 5xx, until it is accepted (2xx) or
    /// <see cref="RecoveryDeadline"/> passes; returns the accepted answer. Every refusal must still be a timely 503.
    /// </summary>
    public static async Task<HttpResponseMessage> RetryUntilAcceptedAsync(
        this TestApp app, string path, IEnumerable<KeyValuePair<string, string>> form, string authToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(RecoveryDeadline.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var answer = await app.TimedPostAsync(path, form, authToken);
            if (answer.Response.IsSuccessStatusCode)
            {
                return answer.Response;
            }

            AssertUnavailable(answer);
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"The webhook was still refused after {RecoveryDeadline}.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
