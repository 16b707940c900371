using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Contacts;

public class CallerContactMatcherTests
{
    private static readonly Guid Alice = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Bob = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Carol = Guid.Parse("00000000-0000-0000-0000-00000000000c");

    [Theory]
    [InlineData("+14155550111")]
    [InlineData("+1 (415) 555-0111")]
    public async Task InboundCaller_IsLinkedToTheContactWithThatNumber(string callerAsTwilioSendsIt)
    {
        await using var harness = await HarnessWithContacts();

        var answer = await harness.Service.AnswerInboundCallAsync(TestTenants.A.TenantId, TwilioPayloads.InboundCall(TestTenants.A.AccountSid, TwilioPayloads.NewCallSid(), callerAsTwilioSendsIt, TestTenants.A.PhoneNumber).AsParameters());

        Assert.Equal(Alice, answer.Call!.ContactId);
        Assert.False(answer.Call.ContactAmbiguous);
    }

    [Fact]
    public async Task ContactWithSeveralNumbers_MatchesOnAnyOfThem()
    {
        await using var harness = await HarnessWithContacts();

        var answer = await harness.Service.AnswerInboundCallAsync(TestTenants.A.TenantId, TwilioPayloads.InboundCall(TestTenants.A.AccountSid, TwilioPayloads.NewCallSid(), "+442071838750", TestTenants.A.PhoneNumber).AsParameters());

        Assert.Equal(Alice, answer.Call!.ContactId);
    }

    [Fact]
    public async Task NumberSharedByTwoContacts_IsFlagged_NotGuessed()
    {
        await using var harness = await HarnessWithContacts();

        var answer = await harness.Service.AnswerInboundCallAsync(TestTenants.A.TenantId, TwilioPayloads.InboundCall(TestTenants.A.AccountSid, TwilioPayloads.NewCallSid(), "+14155550222", TestTenants.A.PhoneNumber).AsParameters());

        Assert.Null(answer.Call!.ContactId);
        Assert.True(answer.Call.ContactAmbiguous);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("+266696687")]
    [InlineData("restricted")]
    public async Task UnknownOrWithheldCaller_IsStoredAsSent_AndMatchesNobody(string caller)
    {
        await using var harness = await HarnessWithContacts();

        var answer = await harness.Service.AnswerInboundCallAsync(TestTenants.A.TenantId, TwilioPayloads.InboundCall(TestTenants.A.AccountSid, TwilioPayloads.NewCallSid(), caller, TestTenants.A.PhoneNumber).AsParameters());

        Assert.Equal(caller, answer.Call!.From);
        Assert.Null(answer.Call.ContactId);
        Assert.False(answer.Call.ContactAmbiguous);
    }

    [Fact]
    public async Task TenantsOwnNumbers_NeverMatchAContact()
    {
        await using var harness = await HarnessWithContacts();
        using var scope = harness.Provider.CreateScope();
        var matcher = scope.ServiceProvider.GetRequiredService<CallerContactMatcher>();
        var configuration = (await scope.ServiceProvider.GetRequiredService<TwilioCallTracking.TwilioConfigurationService>().FindAsync(TestTenants.A.TenantId))!;

        Assert.Equal(ContactMatch.None, await matcher.MatchAsync(configuration, TestTenants.A.PhoneNumber));
        Assert.Equal(ContactMatch.None, await matcher.MatchAsync(configuration, TestTenants.A.ForwardToNumber));
    }

    [Fact]
    public async Task OtherTenantsContacts_AreNeverMatched()
    {
        await using var harness = await HarnessWithContacts();

        var answer = await harness.Service.AnswerInboundCallAsync(TestTenants.B.TenantId, TwilioPayloads.InboundCall(TestTenants.B.AccountSid, TwilioPayloads.NewCallSid(), "+14155550111", TestTenants.B.PhoneNumber).AsParameters());

        Assert.Null(answer.Call!.ContactId);
    }

    [Theory]
    [InlineData("(415) 555-0100", "US", "+14155550100")]
    [InlineData("020 7183 8750", "GB", "+442071838750")]
    [InlineData("+44 20 7183 8750", null, "+442071838750")]
    [InlineData("415 555 0100", null, null)]
    [InlineData("anonymous", "US", null)]
    public void Normalizer_ReadsNationalNumbersInTheDefaultRegion(string input, string? region, string? expected)
    {
        var normalizer = new PhoneNumberNormalizer(Microsoft.Extensions.Options.Options.Create(new TwilioCallTrackingOptions { DefaultPhoneRegion = region }));

        Assert.Equal(expected, normalizer.ToE164(input));
    }

    private static Task<ServiceHarness> HarnessWithContacts() => ServiceHarness.StartAsync(services =>
    {
        services.AddSingleton(new Directory(new Dictionary<(string, string), Guid[]>
        {
            [(TestTenants.A.TenantId, "+14155550111")] = [Alice],
            [(TestTenants.A.TenantId, "+442071838750")] = [Alice],
            [(TestTenants.A.TenantId, "+14155550222")] = [Bob, Carol],
            [(TestTenants.A.TenantId, TestTenants.A.ForwardToNumber)] = [Carol],
            [(TestTenants.A.TenantId, TestTenants.A.PhoneNumber)] = [Carol],
        }));
        services.AddTwilioCallTracking().AddContactLookup<DirectoryLookup>();
    });

    private sealed record Directory(Dictionary<(string Tenant, string Number), Guid[]> Numbers);

    private sealed class DirectoryLookup(Directory directory) : IContactLookup
    {
        public Task<IReadOnlyList<Guid>> FindContactsByPhoneNumberAsync(string tenantId, string e164Number, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Guid>>(directory.Numbers.TryGetValue((tenantId, e164Number), out var ids) ? ids : []);

        public Task<bool> ContactExistsAsync(string tenantId, Guid contactId, CancellationToken cancellationToken = default) =>
            Task.FromResult(directory.Numbers.Any(n => n.Key.Tenant == tenantId && n.Value.Contains(contactId)));
    }
}
