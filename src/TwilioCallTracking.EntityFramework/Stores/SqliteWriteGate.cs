using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// This process's turn to write one SQLite database file: its write transactions go one at a time, in arrival order,
/// and each waits for the file's lock no longer than the stores' command timeout.
/// </summary>
/// <remarks>
/// SQLite has one writer. Without the gate, concurrent webhooks each open <c>BEGIN IMMEDIATE</c> and the losers poll
/// the lock with growing sleeps (the busy timeout), so under a burst some wait seconds while the file sits idle between
/// polls: at 64 concurrent webhooks the load test measured a p99 of 3.9 s and a maximum of 13 s, close to Twilio's 15 s
/// timeout. Queued on an async semaphore instead, each writer starts as soon as the previous one commits. Other
/// processes writing the same file still meet SQLite's own lock: Microsoft.Data.Sqlite waits for it, on
/// <c>BEGIN IMMEDIATE</c>, for the connection's <c>DefaultTimeout</c> (30 s unless the application's options set a command
/// timeout), which the turn bounds by the stores' command timeout while it lasts. PostgreSQL is not gated.
/// </remarks>
internal sealed class SqliteWriteGate : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // SqliteConnection.DefaultTimeout, read and set by name: this package references no provider. Per connection type,
    // null for a type without it (a connection wrapped by a profiler, say), whose busy timeout is then left as it is.
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> DefaultTimeouts = new();

    private readonly SemaphoreSlim _gate;
    private readonly DbConnection _connection;
    private readonly PropertyInfo? _defaultTimeout;
    private readonly object? _previousTimeout;

    private SqliteWriteGate(SemaphoreSlim gate, DbConnection connection, PropertyInfo? defaultTimeout, object? previousTimeout)
    {
        _gate = gate;
        _connection = connection;
        _defaultTimeout = defaultTimeout;
        _previousTimeout = previousTimeout;
    }

    /// <summary>
    /// Waits for this process's turn to write <paramref name="db"/>'s SQLite file, at most <paramref name="timeout"/>
    /// (a <see cref="TimeoutException"/> then); <see langword="null"/> when the database is not SQLite.
    /// </summary>
    public static async Task<SqliteWriteGate?> EnterAsync(DbContext db, TimeSpan timeout)
    {
        if (!string.Equals(db.Database.ProviderName, CallTrackingProviders.Sqlite, StringComparison.Ordinal))
        {
            return null;
        }

        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, static _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(timeout))
        {
            throw new TimeoutException($"This process's previous write to the SQLite database did not finish within {timeout}.");
        }

        var connection = db.Database.GetDbConnection();
        var property = DefaultTimeouts.GetOrAdd(connection.GetType(), static type =>
            type.GetProperty("DefaultTimeout", BindingFlags.Public | BindingFlags.Instance) is { PropertyType: var t, CanWrite: true } p && t == typeof(int) ? p : null);
        var previous = property?.GetValue(connection);
        property?.SetValue(connection, (int)Math.Ceiling(timeout.TotalSeconds));
        return new SqliteWriteGate(gate, connection, property, previous);
    }

    /// <summary>Gives the turn to the next writer, and the connection its own busy timeout back (a pooled context keeps it).</summary>
    public void Dispose()
    {
        _defaultTimeout?.SetValue(_connection, _previousTimeout);
        _gate.Release();
    }
}
