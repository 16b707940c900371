using Xunit;

namespace TwilioCallTracking.Testing;

/// <summary>
/// How a test gets PostgreSQL: <see cref="RequireAsync"/> returns the shared <see cref="PostgresCluster"/>, or skips the
/// test with the reason when PostgreSQL cannot start on this machine. With <c>CI=true</c> it never skips: the test fails
/// with the reason, so a CI run cannot pass without really testing PostgreSQL. Use it from <c>[SkippableFact]</c> tests.
/// </summary>
public static class PostgresTests
{
    /// <summary>Whether this run is CI (<c>CI=true</c>), where PostgreSQL tests must run.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The shared cluster; skips the calling test (outside CI) or fails it (in CI) when there is none.</summary>
    public static Task<PostgresCluster> RequireAsync() => SkipWithoutPostgresAsync(PostgresCluster.SharedAsync);

    /// <summary>
    /// A cluster of the calling test's own, for a test that stops and starts the server (the shared one serves tests
    /// running in parallel); dispose it. Skips or fails like <see cref="RequireAsync"/>.
    /// </summary>
    public static Task<PostgresCluster> StartOwnClusterAsync() => SkipWithoutPostgresAsync(PostgresCluster.StartAsync);

    /// <summary>
    /// A fresh, empty database in the shared cluster (see <see cref="RequireAsync"/>), owned by and connected as
    /// <see cref="PostgresCluster.AppRole"/>, which is not a superuser: row-level security applies to the tests as it
    /// does to an application.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "test") =>
        await (await RequireAsync()).CreateAppDatabaseAsync(prefix);

    private static async Task<PostgresCluster> SkipWithoutPostgresAsync(Func<Task<PostgresCluster>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception ex) when (!IsCi && ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            Skip.If(true, $"PostgreSQL could not be started here, so this test is skipped (with CI=true it fails instead): {ex.Message}");
            throw;
        }
    }
}
