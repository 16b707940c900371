using MinimalCrm.Accounts;

namespace MinimalCrm.Data;

/// <summary>One of the demo users (Development only), who signs in with <see cref="DemoData.Password"/>.</summary>
/// <param name="Email">The sign-in e-mail address.</param>
/// <param name="DisplayName">The name shown in the header.</param>
/// <param name="TenantId">The user's tenant.</param>
/// <param name="Role">Administrator or rep.</param>
public sealed record DemoUser(string Email, string DisplayName, string TenantId, CrmRole Role);
