using TwilioCallTracking.Testing;

namespace TwilioCallTracking.AspNetCore.Tests.Infrastructure;

/// <summary>A tenant of the test app: its Twilio account, number, token and forward-to phone.</summary>
public sealed record TestTenant(string TenantId, string AccountSid, string AuthToken, string PhoneNumber, string ForwardToNumber)
{
    public static TestTenant Create(string tenantId, string phoneNumber, string? accountSid = null) => new(
        tenantId,
        accountSid ?? TwilioPayloads.NewSid("AC"),
        Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        phoneNumber,
        "+14155550199");
}
