namespace MinimalCrm.Accounts;

/// <summary>What a user may do in their tenant (stored by name in <c>crm_users.role</c>, carried in the sign-in cookie).</summary>
public enum CrmRole
{
    /// <summary>Works with contacts and calls; cannot see or change the tenant's Twilio settings or numbers.</summary>
    Rep,

    /// <summary>Tenant administrator: everything a rep does, plus Settings → Twilio and Diagnostics (credentials, webhook URLs of numbers).</summary>
    Admin,
}
