using Microsoft.AspNetCore.Http;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// The call API's answer when the call store cannot serve now (<see cref="StoreUnavailableException"/>): 503 with
/// <c>Retry-After</c> as ProblemDetails, rather than a 500 that says nothing about trying again.
/// </summary>
internal sealed class StoreUnavailableFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (StoreUnavailableException)
        {
            return StoreUnavailableProblem.Create(context.HttpContext, "The calls could not be read or written now; nothing was changed. Try again shortly.");
        }
    }
}
