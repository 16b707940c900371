using Microsoft.AspNetCore.Http;
using TwilioCallTracking;

namespace TwilioCallTracking.AspNetCore;

/// <summary>
/// A JSON API's answer when a store cannot serve now (<see cref="StoreUnavailableException"/>): 503 with
/// <c>Retry-After</c> as ProblemDetails, rather than a 500 that says nothing about trying again.
/// </summary>
/// <param name="detail">What could not be done, in the API's words, and that nothing was changed.</param>
internal sealed class StoreUnavailableFilter(string detail) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (StoreUnavailableException)
        {
            return StoreUnavailableProblem.Create(context.HttpContext, detail);
        }
    }
}
