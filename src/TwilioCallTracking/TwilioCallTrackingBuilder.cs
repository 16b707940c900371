using Microsoft.Extensions.DependencyInjection;

namespace TwilioCallTracking;

/// <summary>
/// Returned by <c>AddTwilioCallTracking()</c>: the other packages hang their setup on it
/// (<c>.AddEntityFrameworkStores&lt;TContext&gt;()</c>), as ASP.NET Core Identity does with its builder.
/// </summary>
/// <param name="services">The service collection being configured.</param>
public sealed class TwilioCallTrackingBuilder(IServiceCollection services)
{
    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; } = services;
}
