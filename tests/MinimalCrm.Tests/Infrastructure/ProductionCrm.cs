using Microsoft.AspNetCore.Mvc.Testing;

namespace MinimalCrm.Tests.Infrastructure;

/// <summary>
/// The sample outside Development: Production, real Twilio from the TWILIO_* variables (nothing calls Twilio at start),
/// served in memory so that requests can be https on a public host name.
/// </summary>
public sealed class ProductionCrm : IAsyncLifetime
{
    /// <summary>What a production run needs: real Twilio, a public https URL, a key, the https port to redirect to.</summary>
    public static readonly IReadOnlyDictionary<string, string?> RealTwilio = new Dictionary<string, string?>
    {
        ["TWILIO_ACCOUNT_SID"] = "AC0123456789abcdef0123456789abcdef",
        ["TWILIO_AUTH_TOKEN"] = "production-test-auth-token",
        ["TWILIO_PHONE_NUMBER"] = "+18339490539",
        ["NEXT_PUBLIC_APP_URL"] = "https://crm.example.com",
        ["ENCRYPTION_KEY"] = new string('k', 32),
        ["https_port"] = "443",
    };

    /// <summary>The app.</summary>
    public CrmAppFactory App { get; } = new(RealTwilio, environment: "Production", kestrel: false);

    /// <summary>A client that keeps cookies and does not follow redirects, for <paramref name="baseUrl"/> (e.g. <c>https://crm.example.com</c>).</summary>
    public HttpClient Client(string baseUrl) =>
        App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseUrl), AllowAutoRedirect = false });

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync() => await App.DisposeAsync();
}
