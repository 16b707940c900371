using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TwilioCallTracking.Testing;

/// <summary>A CRM's contacts for tests: an <see cref="IContactLookup"/> that tests fill with <see cref="Add"/>.</summary>
public sealed class TestContactDirectory : IContactLookup
{
    private readonly ConcurrentDictionary<(string Tenant, Guid Contact), string[]> _contacts = new();

    /// <summary>Adds a contact of <paramref name="tenantId"/> with <paramref name="numbers"/> (E.164) and returns its id.</summary>
    public Guid Add(string tenantId, params string[] numbers)
    {
        var id = Guid.NewGuid();
        _contacts[(tenantId, id)] = numbers;
        return id;
    }

    /// <summary>Registers one directory as the app's contact lookup and returns it.</summary>
    public static TestContactDirectory Register(IServiceCollection services)
    {
        var directory = new TestContactDirectory();
        services.Replace(ServiceDescriptor.Singleton<IContactLookup>(directory));
        services.AddSingleton(directory);
        return directory;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Guid>> FindContactsByPhoneNumberAsync(string tenantId, string e164Number, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. _contacts.Where(c => c.Key.Tenant == tenantId && c.Value.Contains(e164Number)).Select(c => c.Key.Contact)]);

    /// <inheritdoc/>
    public Task<bool> ContactExistsAsync(string tenantId, Guid contactId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_contacts.ContainsKey((tenantId, contactId)));
}
