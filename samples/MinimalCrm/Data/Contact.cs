namespace MinimalCrm.Data;

/// <summary>Someone the tenant calls or who calls the tenant.</summary>
public sealed class Contact
{
    /// <summary>The contact's id (<c>ContactId</c> on the calls about them).</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant the contact belongs to.</summary>
    public required string TenantId { get; set; }

    /// <summary>The contact's name.</summary>
    public required string Name { get; set; }

    /// <summary>The contact's company, if any.</summary>
    public string? Company { get; set; }

    /// <summary>When the contact was added (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The contact's phone numbers (at least one).</summary>
    public List<ContactPhone> Phones { get; set; } = [];
}
