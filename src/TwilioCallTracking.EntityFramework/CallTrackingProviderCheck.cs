using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// Nothing to configure: validating it on start (<c>ValidateOnStart</c>) checks, before any hosted service starts, that
/// the context registered by <c>AddEntityFrameworkStores&lt;TContext&gt;()</c> uses a provider the stores support.
/// </summary>
internal sealed class CallTrackingProviderCheck
{
    /// <summary>Fails start-up when <typeparamref name="TContext"/>'s provider is neither SQLite nor PostgreSQL.</summary>
    /// <param name="services">The application's services, to reach the context factory.</param>
    public sealed class Validator<TContext>(IServiceProvider services) : IValidateOptions<CallTrackingProviderCheck>
        where TContext : DbContext
    {
        public ValidateOptionsResult Validate(string? name, CallTrackingProviderCheck options)
        {
            try
            {
                TwilioCallTrackingEntityFrameworkBuilderExtensions.FactoryOf<TContext>(services);
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
