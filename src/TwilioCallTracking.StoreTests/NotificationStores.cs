namespace TwilioCallTracking.StoreTests;

/// <summary>
/// What a <see cref="CallNotificationStoreContractTests"/> test works on: the call store, which writes notifications
/// with its changes, and the outbox over the same data (the same object when one store implements both).
/// </summary>
/// <param name="Calls">Writes the changes (and their notifications) the test then dispatches and delivers.</param>
/// <param name="Notifications">The store under test.</param>
public sealed record NotificationStores(ICallStore Calls, ICallNotificationStore Notifications);
