namespace MinimalCrm.Tests.Infrastructure;

/// <summary>
/// The browser tests run one after another (two cores are shared with other work), with one Chromium and one sample
/// app on SQLite between them; each test signs in in its own browser context.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>, ICollectionFixture<SqliteCrm>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Browser";
}
