using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.Testing;
using static TwilioCallTracking.AspNetCore.Tests.Infrastructure.DatabaseTestApp;

namespace TwilioCallTracking.AspNetCore.Tests.Webhooks;

/// <summary>
/// The webhooks on a SQLite file that another connection (another process, as far as the app can tell) holds with
/// <c>BEGIN EXCLUSIVE</c>: every webhook answers 503 within the store budget, nothing is stored, and Twilio's retry
/// after the lock is gone is stored once.
/// </summary>
public sealed class SqliteUnavailableTests : IAsyncLifetime
{
    private const string Answer = "/api/twilio/voice/answer";
    private const string Status = "/api/twilio/voice/status";
    private const string Caller = "+14155550111";

    private readonly string _folder = Directory.CreateTempSubdirectory("tct-locked-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "calls.db")}";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DatabaseLockedByAnotherConnection_AnswerIs503WithinTheBudget_NothingIsStored_AndTheRetryIsStored()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var form = TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), Caller, tenant.PhoneNumber);

        await using (await LockAsync())
        {
            AssertUnavailable(await app.TimedPostAsync(Answer, form, tenant.AuthToken));
            Assert.Equal((0, 0), await app.CountAsync(tenant.TenantId));
        }

        var retried = await app.RetryUntilAcceptedAsync(Answer, form, tenant.AuthToken);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal((1, 1), await app.CountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task WebhooksQueuedBehindAStuckWrite_AreAllAnswered503WithinTheBudget_AndAllRetriesAreStored()
    {
        await using var app = await StartAsync();
        var tenant = await app.AddTenantAsync(TestTenants.A);
        var callSid = TwilioPayloads.NewCallSid();
        var first = TwilioPayloads.InboundCall(tenant.AccountSid, callSid, Caller, tenant.PhoneNumber);
        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(Answer, first, tenant.AuthToken)).StatusCode);
        var webhooks = Enumerable.Range(0, 8)
            .Select(_ => (Path: Answer, Form: TwilioPayloads.InboundCall(tenant.AccountSid, TwilioPayloads.NewCallSid(), Caller, tenant.PhoneNumber)))
            .Concat(new[] { "ringing", "in-progress", "completed" }.Select((status, i) =>
                (Path: Status, Form: TwilioPayloads.StatusCallback(tenant.AccountSid, callSid, status, i, Caller, tenant.PhoneNumber, "inbound"))))
            .ToList();

        await using (await LockAsync())
        {
            // The first to reach the store becomes the writer and is stuck on the lock; the rest queue behind it.
            var answers = await Task.WhenAll(webhooks.Select(w => app.TimedPostAsync(w.Path, w.Form, tenant.AuthToken)));

            Assert.All(answers, AssertUnavailable);
            Assert.Equal((1, 1), await app.CountAsync(tenant.TenantId));
        }

        foreach (var (path, form) in webhooks)
        {
            Assert.True((await app.RetryUntilAcceptedAsync(path, form, tenant.AuthToken)).IsSuccessStatusCode);
        }

        Assert.Equal((9, 12), await app.CountAsync(tenant.TenantId));
    }

    private Task<TestApp> StartAsync() =>
        DatabaseTestApp.StartAsync(stores => stores.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(ConnectionString)));

    /// <summary>Takes the database's write lock on a connection of its own, as another process would.</summary>
    private async Task<SqliteConnection> LockAsync()
    {
        var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
