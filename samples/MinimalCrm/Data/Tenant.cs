namespace MinimalCrm.Data;

/// <summary>A company using the CRM. Every row of the CRM and of call tracking carries its <see cref="Id"/>.</summary>
public sealed class Tenant
{
    /// <summary>The tenant id, e.g. <c>acme</c>: the <c>tenant_id</c> claim and the call tracking tenant.</summary>
    public required string Id { get; set; }

    /// <summary>The company's name, shown in the header.</summary>
    public required string Name { get; set; }
}
