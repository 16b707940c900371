using Microsoft.AspNetCore.Http;
using TwilioCallTracking.Simulator.Diagnostics;

namespace TwilioCallTracking.Simulator.Rest;

/// <summary>Records every REST request in the simulator's log, with the status it was answered with.</summary>
internal static class ApiRequestLogging
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var simulator = http.RequestServices.GetSimulator();
        var form = new List<KeyValuePair<string, string>>();
        if (http.Request.HasFormContentType)
        {
            foreach (var field in await http.Request.ReadFormAsync(http.RequestAborted))
            {
                form.AddRange(field.Value.Select(v => new KeyValuePair<string, string>(field.Key, v ?? string.Empty)));
            }
        }

        var receivedAt = simulator.Time.GetUtcNow();
        http.Response.OnStarting(() =>
        {
            var account = http.Items.Values.OfType<SimulatedAccount>().FirstOrDefault()?.Sid;
            var path = http.Request.Path.Value ?? "/";
            if (simulator.RoutePrefix.Length > 0 && path.StartsWith(simulator.RoutePrefix, StringComparison.OrdinalIgnoreCase))
            {
                path = path[simulator.RoutePrefix.Length..];
            }

            simulator.Log.Add(new SimulatorApiRequestRecord(
                receivedAt, http.Request.Method, path, http.Request.QueryString.Value ?? string.Empty, form, account, http.Response.StatusCode));
            return Task.CompletedTask;
        });
        return await next(context);
    }
}
