using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TwilioCallTracking;

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

    /// <summary>
    /// Uses the host's <typeparamref name="TLookup"/> to link inbound callers to contacts (registered scoped, so it may
    /// use the host's DbContext).
    /// </summary>
    public TwilioCallTrackingBuilder AddContactLookup<TLookup>()
        where TLookup : class, IContactLookup
    {
        Services.Replace(ServiceDescriptor.Scoped<IContactLookup, TLookup>());
        return this;
    }
}
