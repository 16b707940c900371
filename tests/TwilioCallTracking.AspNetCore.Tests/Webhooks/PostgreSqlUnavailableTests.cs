using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.Testing;
using static TwilioCallTracking.AspNetCore.Tests.Infrastructure.DatabaseTestApp;

namespace TwilioCallTracking.AspNetCore.Tests.Webhooks;

/// <summary>
/// The webhooks on PostgreSQL that is down or stuck: while the server is stopped, or while another session holds the
/// calls table, every webhook answers 503 within the store budget; once the server is back (the connection pool
/// recovers from the connections the stop cut) or the lock is gone, Twilio's retries are stored, each once.
/// </summary>
public sealed class PostgreSqlUnavailableTests
{
    private const string Answer = "/api/twilio/voice/answer";
    private const string Status = "/api/twilio/voice/status";
    private const string Caller = "+14155550111";

    [SkippableFact]
    public async Task ServerStopped_WebhooksAnswer503_AndAfterTheRestartTheirRetriesAreStored()
    {
        await using var cluster = await PostgresTests.StartOwnClusterAsync();
        var connectionString = await cluster.CreateAppDatabaseAsync("webhooks");
        await using var app = await StartAsync(connectionString);
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var callSid = TwilioPayloads.NewCallSid();
        var first = TwilioPayloads.InboundCall(tenant.AccountSid, callSid, Caller, tenant.PhoneNumber);
        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(Answer, first, tenant.AuthToken)).StatusCode);
        var webhooks = new[]
        {
            (Path: Answer, Form: TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), Caller, tenant.PhoneNumber)),
            (Path: Status, Form: TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, "in-progress", 1, Caller, tenant.PhoneNumber, "inbound")),
        };

        await cluster.StopServerAsync();
        foreach (var (path, form) in webhooks)
        {
            AssertUnavailable(await app.TimedPostAsync(path, form, tenant.AuthToken));
        }

        await cluster.StartServerAsync();
        foreach (var (path, form) in webhooks)
        {
            Assert.True((await app.RetryUntilAcceptedAsync(path, form, tenant.AuthToken)).IsSuccessStatusCode);
        }

        Assert.Equal((2, 3), await app.CountAsync(tenant.TenantId));
    }

    [SkippableFact]
    public async Task CallsTableLockedByAnotherSession_WebhooksAnswer503WithinTheBudget_AndTheRetryIsStored()
    {
        var connectionString = await PostgresTests.CreateDatabaseAsync("webhooks");
        await using var app = await StartAsync(connectionString);
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var forms = Enumerable.Range(0, 4)
            .Select(_ => TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), Caller, tenant.PhoneNumber))
            .ToList();

        await using (var session = new NpgsqlConnection(connectionString))
        {
            await session.OpenAsync();
            await using var transaction = await session.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand("LOCK TABLE calls IN ACCESS EXCLUSIVE MODE", session, transaction))
            {
                await command.ExecuteNonQueryAsync();
            }

            var answers = await Task.WhenAll(forms.Select(form => app.TimedPostAsync(Answer, form, tenant.AuthToken)));

            Assert.All(answers, AssertUnavailable);
        }

        foreach (var form in forms)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.RetryUntilAcceptedAsync(Answer, form, tenant.AuthToken)).StatusCode);
        }

        Assert.Equal((4, 4), await app.CountAsync(tenant.TenantId));
    }

    private static Task<TestApp> StartAsync(string connectionString) =>
        DatabaseTestApp.StartAsync(stores => stores.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString)));
}
