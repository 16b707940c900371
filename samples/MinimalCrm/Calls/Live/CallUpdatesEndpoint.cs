using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using MinimalCrm.Accounts;

namespace MinimalCrm.Calls.Live;

/// <summary>
/// <c>GET /calls/live</c>: the signed-in user's tenant's call updates as server-sent events, for the live call pages.
/// Each event's type is the notification's (<c>call.started</c>, <c>call.ended</c>, …), its data a small JSON
/// <see cref="CallUpdate"/>; the first event, <c>ready</c>, says the stream is subscribed (anything that changes from then
/// on arrives), so a page that (re)connects fetches itself once to catch up.
/// </summary>
public static class CallUpdatesEndpoint
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/calls/live";

    /// <summary>The first event of every stream.</summary>
    public const string ReadyEvent = "ready";

    /// <summary>Maps the endpoint (signed-in users only; 401 without sign-in, see <c>CrmAuthentication</c>).</summary>
    public static IEndpointConventionBuilder MapCallUpdates(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (ClaimsPrincipal user, CallUpdateBroadcaster broadcaster, IHostApplicationLifetime lifetime) =>
                TypedResults.ServerSentEvents(StreamAsync(broadcaster, user.GetTenantId(), lifetime.ApplicationStopping)))
            .RequireAuthorization();

    // Runs until the browser goes away (the request's token, combined in by the result) or the app stops (so that a
    // graceful shutdown does not wait for open pages); the subscription ends with it either way.
    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        CallUpdateBroadcaster broadcaster, string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = broadcaster.Subscribe(tenantId);
        yield return new SseItem<string>("{}", ReadyEvent);
        while (await WaitAsync(subscription.Updates, cancellationToken))
        {
            while (subscription.Updates.TryRead(out var update))
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(update, JsonSerializerOptions.Web), update.Type) { EventId = update.Id.ToString() };
            }
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<CallUpdate> updates, CancellationToken cancellationToken)
    {
        try
        {
            return await updates.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
