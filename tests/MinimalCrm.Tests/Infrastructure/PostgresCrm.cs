using TwilioCallTracking.Testing;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>
/// The sample on PostgreSQL (<c>Database__Provider=Postgres</c>) in a fresh database of the shared throwaway cluster,
/// started by the first test that asks. Outside CI the tests are skipped when PostgreSQL cannot start here; with
/// <c>CI=true</c> they fail instead (<see cref="PostgresTests"/>).
/// </summary>
public sealed class PostgresCrm : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CrmAppFactory? _app;

    /// <summary>Starts the app on PostgreSQL once, and returns where it listens.</summary>
    public async Task<Uri> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_app is null)
            {
                var connectionString = await PostgresTests.CreateDatabaseAsync("minimalcrm");
                _app = new CrmAppFactory(new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Postgres",
                    ["ConnectionStrings:CallTracking"] = connectionString,
                });
                _app.Start();
            }

            return _app.BaseUrl;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _gate.Dispose();
    }
}
