using MinimalCrm.Accounts;

namespace MinimalCrm.Data;

/// <summary>A person who signs in to the CRM. Belongs to exactly one tenant.</summary>
public sealed class CrmUser
{
    /// <summary>The user's id (the <c>sub</c>/name identifier claim, and <c>UserId</c> on the calls they start).</summary>
    public Guid Id { get; set; }

    /// <summary>The user's tenant.</summary>
    public required string TenantId { get; set; }

    /// <summary>The sign-in e-mail address, stored lower case, unique.</summary>
    public required string Email { get; set; }

    /// <summary>The name shown in the header.</summary>
    public required string DisplayName { get; set; }

    /// <summary>The password hash (ASP.NET Core Identity's <c>PasswordHasher</c> format).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>What the user may do in the tenant; <see cref="CrmRole.Rep"/> unless made an administrator.</summary>
    public CrmRole Role { get; set; } = CrmRole.Rep;
}
