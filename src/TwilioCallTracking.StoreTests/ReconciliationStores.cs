namespace TwilioCallTracking.StoreTests;

/// <summary>
/// What a <see cref="ReconciliationStoreContractTests"/> test works on: the sweeper's store and the call store over the
/// same data (the same object when one store implements both), which the test fills through <paramref name="Calls"/>.
/// </summary>
/// <param name="Calls">Stores the calls the test then claims.</param>
/// <param name="Reconciliation">The store under test.</param>
public sealed record ReconciliationStores(ICallStore Calls, ICallReconciliationStore Reconciliation);
