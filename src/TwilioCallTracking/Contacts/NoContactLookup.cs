namespace TwilioCallTracking;

/// <summary>
/// The default <see cref="IContactLookup"/> until the host registers its own: no call is linked to a contact, and a
/// call started for a contact is refused (there is no way to check that the contact is the tenant's).
/// </summary>
public sealed class NoContactLookup : IContactLookup
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<Guid>> FindContactsByPhoneNumberAsync(string tenantId, string e164Number, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([]);

    /// <inheritdoc/>
    public Task<bool> ContactExistsAsync(string tenantId, Guid contactId, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
