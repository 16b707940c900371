namespace TwilioCallTracking.Testing;

/// <summary>
/// Auth tokens as the previous version stored them: the <c>v1</c> format, bound to neither tenant nor account
/// (associated data <c>v1.{keyId}</c> only). Written by that version's own protector, so the upgrade at start is tested
/// on real data; they only open for the migration step, never for a webhook.
/// </summary>
public static class LegacyAuthTokens
{
    /// <summary><see cref="TestTenants.A"/>'s token under <see cref="TestKeys.EncryptionKey"/>.</summary>
    public const string TenantAUnderCurrentKey =
        "v1.6f27051b.Wm85bxXePyMkZumTgxp/fheTVWNvvYM7pnDfFlfSFvPdfJxb90xWXPZVzHuoNKVfiAIJeITYEnYRC9AoJKM=";

    /// <summary><see cref="TestTenants.B"/>'s token under <see cref="TestKeys.EncryptionKey"/>.</summary>
    public const string TenantBUnderCurrentKey =
        "v1.6f27051b.jtZJwnrl0BIhDrlheDelzFSQZqqE+8+IsVgMkn5+oCmplLgQN9WYFBlCAEl+5nm39oxP3WrDF5EgSoPIrhI=";

    /// <summary><see cref="TestTenants.A"/>'s token under <see cref="TestKeys.PreviousEncryptionKey"/>.</summary>
    public const string TenantAUnderPreviousKey =
        "v1.dfbb3079.Y9sUH1sG1Y9wZYRLSpD3dCm4S06hCdBOdGvVHznPOJPwHZ8EDvq5X2zN5CTFu9D/F3G4LwfrmrPd4+TIauA=";
}
