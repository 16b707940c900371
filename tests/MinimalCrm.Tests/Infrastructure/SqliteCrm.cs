namespace MinimalCrm.Tests.Infrastructure;

/// <summary>The sample on SQLite (its default) in simulator mode, started once for the browser tests that share it.</summary>
public sealed class SqliteCrm : IAsyncLifetime
{
    /// <summary>The app.</summary>
    public CrmAppFactory App { get; } = new();

    /// <summary>Where it listens.</summary>
    public Uri BaseUrl => App.BaseUrl;

    /// <inheritdoc/>
    public Task InitializeAsync()
    {
        App.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync() => await App.DisposeAsync();
}
