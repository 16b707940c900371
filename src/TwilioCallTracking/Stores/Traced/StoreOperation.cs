namespace TwilioCallTracking;

/// <summary>A store operation, as its span (<c>store {name}</c>) and the <c>store.operation</c> tag name it.</summary>
internal sealed class StoreOperation
{
    public static readonly StoreOperation CallsChange = new("calls.change");
    public static readonly StoreOperation CallsFindById = new("calls.find_by_id");
    public static readonly StoreOperation CallsFindBySid = new("calls.find_by_sid");
    public static readonly StoreOperation CallsList = new("calls.list");
    public static readonly StoreOperation CallEventsList = new("call_events.list");
    public static readonly StoreOperation ReconciliationClaim = new("reconciliation.claim");
    public static readonly StoreOperation ReconciliationRelease = new("reconciliation.release");
    public static readonly StoreOperation ConfigurationsFindByTenant = new("configurations.find_by_tenant");
    public static readonly StoreOperation ConfigurationsFindByPhoneNumber = new("configurations.find_by_phone_number");
    public static readonly StoreOperation ConfigurationsFindByAccountSid = new("configurations.find_by_account_sid");
    public static readonly StoreOperation ConfigurationsSave = new("configurations.save");
    public static readonly StoreOperation ConfigurationsDelete = new("configurations.delete");
    public static readonly StoreOperation ConfigurationsList = new("configurations.list");
    public static readonly StoreOperation ConfigurationsReplaceSecrets = new("configurations.replace_secrets");

    private StoreOperation(string name)
    {
        Name = name;
        ActivityName = "store " + name;
    }

    /// <summary>The <c>store.operation</c> tag's value.</summary>
    public string Name { get; }

    /// <summary>The span's name.</summary>
    public string ActivityName { get; }
}
