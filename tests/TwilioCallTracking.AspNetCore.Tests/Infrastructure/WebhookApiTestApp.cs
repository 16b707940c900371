using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace TwilioCallTracking.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A <see cref="TestApp"/> that also maps the webhook subscriptions API, restricted as the docs ask a host to: to
/// administrators (the <c>admin</c> policy: a <c>role=admin</c> claim), and requests made as such an administrator.
/// </summary>
public static class WebhookApiTestApp
{
    public const string Prefix = "/api/webhooks";

    private const string AdminPolicy = "admin";

    /// <summary>Starts the app; <paramref name="configure"/> may change anything, the services it adds come after the policy.</summary>
    public static Task<TestApp> StartAsync(Action<TestAppOptions>? configure = null) => TestApp.StartAsync(o =>
    {
        o.PublicBaseUrl = new Uri("https://crm.example.com");
        o.Endpoints = app => app.MapWebhookSubscriptionsApi().RequireAuthorization(AdminPolicy);
        configure?.Invoke(o);
        var services = o.Services;
        o.Services = builder =>
        {
            builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireClaim("role", "admin"));
            services?.Invoke(builder);
        };
    });

    /// <summary>Sends a request as an administrator of <paramref name="tenantId"/> (of no tenant when null).</summary>
    public static Task<HttpResponseMessage> AdminAsync(this TestApp app, HttpMethod method, string path, string? tenantId, object? json = null, string role = "admin") =>
        app.Client.SendAsync(AsAdmin(new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent.Create(json) }, tenantId, role));

    /// <summary>Signs <paramref name="request"/> in as a user with <paramref name="role"/>, of <paramref name="tenantId"/> (in the <paramref name="tenantClaim"/> claim).</summary>
    public static HttpRequestMessage AsAdmin(HttpRequestMessage request, string? tenantId, string role = "admin", string tenantClaim = "tenant_id")
    {
        request.Headers.Add(TestAuthenticationHandler.UserHeader, "admin-1");
        request.Headers.Add(TestAuthenticationHandler.ClaimsHeader, tenantId is null ? $"role={role}" : $"role={role};{tenantClaim}={tenantId}");
        return request;
    }

    /// <summary>Sends a request as an administrator and reads the JSON answer, which must have <paramref name="expected"/> status.</summary>
    public static async Task<JsonElement> AdminJsonAsync(
        this TestApp app, HttpMethod method, string path, string tenantId, object? json = null, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        using var response = await app.AdminAsync(method, path, tenantId, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates a subscription as tenant <paramref name="tenantId"/>'s administrator; returns its id and its secret.</summary>
    public static async Task<(Guid Id, string Secret)> CreateSubscriptionAsync(this TestApp app, string tenantId, object body)
    {
        var created = await app.AdminJsonAsync(HttpMethod.Post, $"{Prefix}/subscriptions", tenantId, body, System.Net.HttpStatusCode.Created);
        return (created.GetProperty("subscription").GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }
}
