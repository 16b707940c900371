using TwilioCallTracking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Entity Framework Core stores of TwilioCallTracking (filled in by the EF Core issue).</summary>
public static class TwilioCallTrackingEntityFrameworkBuilderExtensions
{
}
