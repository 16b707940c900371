namespace MinimalCrm.Data;

/// <summary>One phone number of a contact, in E.164.</summary>
public sealed class ContactPhone
{
    /// <summary>The number's id (the click-to-call button posts it).</summary>
    public Guid Id { get; set; }

    /// <summary>The contact the number belongs to.</summary>
    public Guid ContactId { get; set; }

    /// <summary>The tenant (the contact's), so a number lookup never crosses tenants.</summary>
    public required string TenantId { get; set; }

    /// <summary>What the number is: mobile, work, home, ….</summary>
    public required string Label { get; set; }

    /// <summary>The number in E.164, e.g. <c>+14155550123</c>.</summary>
    public required string Number { get; set; }
}
