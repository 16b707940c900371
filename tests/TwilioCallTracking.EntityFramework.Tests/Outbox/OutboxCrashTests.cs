using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.EntityFramework.Tests.Databases;
using TwilioCallTracking.OutboxHost;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.EntityFramework.Tests.Outbox;

/// <summary>
/// The outbox across a crash: a host process plays inbound calls and delivers their notifications to a handler and a
/// webhook subscription, and is killed (SIGKILL) mid-way; a second process on the same database finishes the work.
/// Every notification reaches the handler and the receiver; the handler sees a notification twice only when the kill
/// landed while it was handling it (at most one per concurrent delivery); no target ever gets two deliveries.
/// </summary>
public abstract class OutboxCrashTests : IAsyncLifetime
{
    private const int Calls = 6;
    private readonly string _folder = Directory.CreateTempSubdirectory("tct-outbox-").FullName;
    private SignedWebhookReceiver _receiver = null!;

    protected abstract string Provider { get; }

    public async Task InitializeAsync() => _receiver = await SignedWebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    protected abstract Task<string> NewDatabaseAsync();

    protected abstract void AddStores(TwilioCallTrackingBuilder builder, string connectionString);

    [SkippableFact]
    public async Task HostKilledMidWay_EveryNotificationReachesEveryTarget_AfterTheNextStart()
    {
        var connectionString = await NewDatabaseAsync();
        var services = new ServiceCollection().AddLogging();
        AddStores(services.AddTwilioCallTracking(OutboxHostSettings.Configure), connectionString);
        await using var provider = services.BuildServiceProvider();
        await provider.MigrateCallTrackingDatabaseAsync();
        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(OutboxHostSettings.Tenant.TenantId, OutboxHostSettings.Tenant.Settings));
            var subscription = await scope.ServiceProvider.GetRequiredService<WebhookSubscriptionService>()
                .CreateAsync(OutboxHostSettings.Tenant.TenantId, new WebhookSubscriptionRequest { Url = _receiver.Url });
            Assert.Empty(subscription.Errors);
        }

        var handled = Path.Combine(_folder, "handled.txt");
        int handledAtKill;
        using (var first = Start(connectionString, handled, "produce"))
        {
            await Eventually.TrueAsync(() => Lines(handled).Count >= 10, TimeSpan.FromSeconds(60));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            handledAtKill = Lines(handled).Count;
        }

        var outbox = provider.GetRequiredService<ICallNotificationStore>();
        IReadOnlyList<NotificationDelivery> deliveries;
        using (var second = Start(connectionString, handled, "deliver"))
        {
            deliveries = await Eventually.ValueAsync(
                async () => (await outbox.ListUndispatchedAsync(10)).Count == 0
                    ? await outbox.ListDeliveriesAsync(OutboxHostSettings.Tenant.TenantId, new NotificationDeliveryQuery { Limit = 500 })
                    : [],
                all => all.Count > 0 && all.All(d => d.State == NotificationDeliveryState.Delivered),
                TimeSpan.FromSeconds(90));
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        var notifications = deliveries.Select(d => d.Notification.Id).ToHashSet();
        var handledIds = Lines(handled).Select(Guid.Parse).ToList();
        Assert.InRange(handledAtKill, 10, handledIds.Count - 1);
        Assert.Equal(notifications.Order(), handledIds.Distinct().Order());
        Assert.InRange(handledIds.Count - notifications.Count, 0, 2);
        Assert.Equal(notifications.Select(id => id.ToString()).Order(), _receiver.Received.Select(r => r.Id!).Distinct().Order());
        Assert.All(deliveries.GroupBy(d => (d.Notification.Id, d.Target)), g => Assert.Single(g));
        Assert.Equal(notifications.Count * 2, deliveries.Count);
    }

    private Process Start(string connectionString, string handled, string mode)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "TwilioCallTracking.OutboxHost.dll"), Provider, connectionString, handled, mode, Calls.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static List<string> Lines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}

public sealed class SqliteOutboxCrashTests : OutboxCrashTests
{
    protected override string Provider => "sqlite";

    protected override Task<string> NewDatabaseAsync() => Task.FromResult(TestDatabases.NewSqlite());

    protected override void AddStores(TwilioCallTrackingBuilder builder, string connectionString) =>
        builder.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(connectionString));
}

public sealed class PostgreSqlOutboxCrashTests : OutboxCrashTests
{
    protected override string Provider => "postgresql";

    protected override Task<string> NewDatabaseAsync() => TestDatabases.NewPostgreSqlAsync();

    protected override void AddStores(TwilioCallTrackingBuilder builder, string connectionString) =>
        builder.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString));
}
