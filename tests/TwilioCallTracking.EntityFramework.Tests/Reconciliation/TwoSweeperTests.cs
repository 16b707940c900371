using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TwilioCallTracking.StoreTests;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.EntityFramework.Tests.Contract;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.Testing;
using Xunit.Abstractions;

namespace TwilioCallTracking.EntityFramework.Tests.Reconciliation;

/// <summary>
/// Two app instances (two service providers, each with its own <see cref="CallReconciler"/>) sweep one database at the
/// same time, against the fake Twilio REST API: every call must be fetched exactly once and repaired.
/// </summary>
public abstract class TwoSweeperTests(ITestOutputHelper output)
{
    private const int CallCount = 200;
    private static readonly string Account = TestTenants.A.AccountSid;
    private const string Number = "+18005550142";
    private const string Customer = "+14155550100";
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task TwoInstancesSweepingOneDatabase_FetchEveryCallOnce_AndRepairEveryCall()
    {
        var useDatabase = await NewDatabaseAsync();
        await using var twilio = await FakeTwilioServer.StartAsync();
        var time = new FakeTimeProvider(Start);
        await using var one = Instance(useDatabase, twilio, time);
        await using var two = Instance(useDatabase, twilio, time);
        await one.MigrateCallTrackingDatabaseAsync();
        var tenant = StoreTestData.NewTenant();
        await using (var scope = one.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(
                tenant, new TwilioSettings { AccountSid = Account, AuthToken = TestTenants.A.AuthToken, PhoneNumber = Number }));
        }

        // 200 answered calls whose completed callback was lost three hours ago; Twilio's REST API knows how they ended.
        var calls = one.GetRequiredService<ICallStore>();
        var seeded = new List<Call>();
        for (var i = 0; i < CallCount; i++)
        {
            var call = StoreTestData.NewCall(tenant, createdAt: Start.AddHours(-3).AddMilliseconds(i), configure: c =>
                (c.From, c.To, c.Status, c.AnsweredAt) = (Number, Customer, CallStatus.InProgress, Start.AddHours(-3).AddSeconds(5)));
            Assert.True((await calls.CreateAsync(call, StoreTestData.NewEvent(call, "outbound-requested"))).Created);
            twilio.SetCall(call.TwilioCallSid!, json =>
            {
                json["status"] = "completed";
                json["from"] = Number;
                json["to"] = Customer;
                json["duration"] = "60";
                json["start_time"] = Start.AddHours(-3).AddSeconds(5).ToString("r", CultureInfo.InvariantCulture);
                json["end_time"] = Start.AddHours(-3).AddSeconds(65).ToString("r", CultureInfo.InvariantCulture);
                json["price"] = "-0.01300";
                json["price_unit"] = "USD";
            });
            seeded.Add(call);
        }

        // The first fetch waits until the other instance fetches too, so both are mid-sweep with claims outstanding.
        using var bothFetching = new ManualResetEventSlim();
        var fetches = 0;
        twilio.Responder = request =>
        {
            if (request.Method == "GET" && Interlocked.Increment(ref fetches) == 1)
            {
                bothFetching.Wait(TimeSpan.FromSeconds(20));
            }
            else if (request.Method == "GET")
            {
                bothFetching.Set();
            }

            return null;
        };

        var claimed = await Task.WhenAll(Task.Run(() => SweepUntilNothingIsDueAsync(one)), Task.Run(() => SweepUntilNothingIsDueAsync(two)));

        output.WriteLine($"Claims split between the two instances: {claimed[0]} / {claimed[1]} of {CallCount}.");
        var getsPerSid = twilio.Requests.Where(r => r.Method == "GET").GroupBy(r => r.Path).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(seeded, call => Assert.Equal(1, getsPerSid.GetValueOrDefault($"/2010-04-01/Accounts/{Account}/Calls/{call.TwilioCallSid}.json")));
        Assert.Equal(CallCount, getsPerSid.Values.Sum());
        Assert.Equal(CallCount, claimed.Sum());
        Assert.All(claimed, count => Assert.InRange(count, 1, CallCount - 1));
        foreach (var call in seeded)
        {
            var stored = (await calls.FindByIdAsync(tenant, call.Id))!;
            Assert.Equal((CallStatus.Completed, (int?)60, (decimal?)-0.013m, "USD"), (stored.Status, stored.DurationSeconds, stored.Price, stored.PriceUnit));
            Assert.Equal(Start.AddHours(-3).AddSeconds(65), stored.EndedAt);
            Assert.Single(await calls.ListEventsAsync(tenant, call.Id), e => e.EventType == CallEventTypes.Reconciled);
        }

        // Finished calls are never due again, on either instance.
        time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await SweepUntilNothingIsDueAsync(one) + await SweepUntilNothingIsDueAsync(two));
    }

    /// <summary>Registers the stores on a fresh database (the same one for both instances).</summary>
    protected abstract Task<Action<TwilioCallTrackingBuilder>> NewDatabaseAsync();

    private static ServiceProvider Instance(Action<TwilioCallTrackingBuilder> useDatabase, FakeTwilioServer twilio, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time);
        useDatabase(services.AddTwilioCallTracking(options =>
        {
            options.EncryptionKey = TestKeys.EncryptionKey;
            options.PublicBaseUrl = new Uri("https://crm.example.com");
            options.TwilioApiBaseUrl = twilio.BaseUrl;
            options.Reconciliation.BatchSize = 10;
        }));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Sweeps as the background worker would, until a sweep claims nothing; returns how many calls it claimed.</summary>
    private static async Task<int> SweepUntilNothingIsDueAsync(IServiceProvider instance)
    {
        var total = 0;
        while (true)
        {
            await using var scope = instance.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<CallReconciler>().SweepAsync();
            Assert.Equal(result.Claimed, result.Updated);
            if (result.Claimed == 0)
            {
                return total;
            }

            total += result.Claimed;
        }
    }
}

/// <summary>Two instances on one PostgreSQL database: <c>FOR NO KEY UPDATE SKIP LOCKED</c> splits the work.</summary>
public sealed class PostgreSqlTwoSweeperTests(ITestOutputHelper output) : TwoSweeperTests(output)
{
    protected override async Task<Action<TwilioCallTrackingBuilder>> NewDatabaseAsync()
    {
        var connectionString = await PostgresTests.CreateDatabaseAsync("sweepers");
        return builder => builder.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString));
    }
}

/// <summary>Two instances on one SQLite file: each claim is one atomic statement.</summary>
public sealed class SqliteTwoSweeperTests(ITestOutputHelper output) : TwoSweeperTests(output)
{
    protected override Task<Action<TwilioCallTrackingBuilder>> NewDatabaseAsync()
    {
        var connectionString = $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("tct-sweepers-").FullName, "calls.db")}";
        return Task.FromResult<Action<TwilioCallTrackingBuilder>>(
            builder => builder.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(connectionString)));
    }
}
