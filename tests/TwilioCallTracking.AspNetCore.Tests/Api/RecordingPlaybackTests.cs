using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TwilioCallTracking.AspNetCore.Tests.Infrastructure;
using TwilioCallTracking.Simulator;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Api;

/// <summary>
/// A real call through the Twilio simulator (over real HTTP both ways), then its recording played back through the
/// tenant-checked endpoint: Twilio's URL never reaches the browser, ranges work, other tenants get 404.
/// </summary>
public class RecordingPlaybackTests
{
    [Fact]
    public async Task Recording_IsStreamedToItsTenantOnly_WithRangeRequests()
    {
        var account = SimulatedAccount.Create(TestTenants.A.PhoneNumber);
        await using var twilio = await TwilioSimulatorHost.StartAsync(o => { o.Accounts.Add(account); o.TimeScale = 0; });
        await using var app = await TestApp.StartAsync(o => { o.UseKestrel = true; o.TwilioApiBaseUrl = twilio.BaseUrl; });
        var tenant = TestTenants.A with { AccountSid = account.Sid, AuthToken = account.AuthToken };
        await app.AddTenantAsync(tenant, publicBaseUrl: app.Client.BaseAddress);
        await app.AddTenantAsync(TestTenants.B);

        var started = await app.ApiAsync(HttpMethod.Post, "/api/calls/initiate", tenant.TenantId, json: new { to = "+14155550123" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var callId = body.GetProperty("callId").GetGuid();
        await twilio.Simulator.WaitForCallAsync(body.GetProperty("callSid").GetString()!);
        var details = await (await app.ApiAsync(HttpMethod.Get, $"/api/calls/{callId}", tenant.TenantId)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(details.GetProperty("call").GetProperty("hasRecording").GetBoolean());
        Assert.DoesNotContain("api.twilio.com", details.ToString(), StringComparison.Ordinal);

        var whole = await app.ApiAsync(HttpMethod.Get, $"/api/calls/{callId}/recording?format=wav", tenant.TenantId);
        var wav = await whole.Content.ReadAsByteArrayAsync();
        var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/calls/{callId}/recording?format=wav");
        rangeRequest.Headers.Add(TestAuthenticationHandler.UserHeader, "user-1");
        rangeRequest.Headers.Add(TestAuthenticationHandler.ClaimsHeader, "tenant_id=tenant-a");
        rangeRequest.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);
        var partial = await app.Client.SendAsync(rangeRequest);
        var otherTenant = await app.ApiAsync(HttpMethod.Get, $"/api/calls/{callId}/recording", TestTenants.B.TenantId);
        var anonymous = await app.ApiAsync(HttpMethod.Get, $"/api/calls/{callId}/recording", null, userId: null);
        var badFormat = await app.ApiAsync(HttpMethod.Get, $"/api/calls/{callId}/recording?format=ogg", tenant.TenantId);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("audio/wav", whole.Content.Headers.ContentType?.MediaType?.Replace("x-wav", "wav", StringComparison.Ordinal));
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal($"bytes 0-99/{wav.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }
}
