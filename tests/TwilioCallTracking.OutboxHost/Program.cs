// A call tracking host for the outbox crash tests: it stores calls in a real database and delivers their notifications
// to a handler that writes each one to a file (then takes a moment, so a kill can land mid-handler) and to the
// tenant's webhook subscriptions. `produce` also plays inbound calls through the webhook services first.
//
//   TwilioCallTracking.OutboxHost <sqlite|postgresql> <connection string> <handled file> <produce|deliver> [calls]
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TwilioCallTracking;
using TwilioCallTracking.EntityFramework.PostgreSql;
using TwilioCallTracking.EntityFramework.Sqlite;
using TwilioCallTracking.OutboxHost;
using TwilioCallTracking.Testing;

var (provider, connectionString, handledFile, mode) = (args[0], args[1], args[2], args[3]);
var calls = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 6;

var builder = Host.CreateApplicationBuilder();
builder.Services.AddSingleton(new HandledFile(handledFile));
var tracking = builder.Services.AddTwilioCallTracking(OutboxHostSettings.Configure).AddNotificationHandler<FileRecordingHandler>();
if (provider == "sqlite")
{
    tracking.AddEntityFrameworkStores<SqliteCallTrackingDbContext>(db => db.UseSqlite(connectionString));
}
else
{
    tracking.AddEntityFrameworkStores<PostgreSqlCallTrackingDbContext>(db => db.UseNpgsql(connectionString));
}

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("started");
if (mode == "produce")
{
    await InboundCalls.PlayAsync(host.Services, calls);
    Console.WriteLine("produced");
}

await host.WaitForShutdownAsync();
