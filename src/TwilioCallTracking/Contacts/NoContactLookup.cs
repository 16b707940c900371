namespace TwilioCallTracking;

/// <summary>The default <see cref="IContactLookup"/> until the host registers its own: no call is linked to a contact.</summary>
public sealed class NoContactLookup : IContactLookup
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<Guid>> FindContactsByPhoneNumberAsync(string tenantId, string e164Number, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([]);
}
