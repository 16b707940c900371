using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MinimalCrm.Observability;

/// <summary>
/// <c>GET /health</c>, anonymous (for a load balancer or an orchestrator): the overall status and each check's status,
/// as JSON, and nothing else: no descriptions, data or exceptions, which may name tenants or hosts. 503 when Unhealthy.
/// </summary>
internal static class HealthEndpoint
{
    public static IEndpointConventionBuilder MapCrmHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString()),
        }, cancellationToken: http.RequestAborted);
    }
}
