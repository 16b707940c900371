using System.Net;
using System.Text.Json;
using MinimalCrm.Tests.Infrastructure;

namespace MinimalCrm.Tests;

/// <summary><c>GET /health</c> on the real app: anonymous, each call tracking check by name with its status, and nothing more.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_Anonymous_ListsEachCheckWithItsStatusOnly()
    {
        await using var app = new CrmAppFactory();
        using var client = new HttpClient { BaseAddress = app.Start() };

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["twilio_call_tracking.database"] = "Healthy",
                ["twilio_call_tracking.sweeper"] = "Healthy",
                ["twilio_call_tracking.twilio_credentials"] = "Healthy",
            },
            checks);
        Assert.Equal(["status", "checks"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
