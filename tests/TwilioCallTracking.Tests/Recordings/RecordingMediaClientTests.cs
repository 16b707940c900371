using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Tests.Recordings;

public class RecordingMediaClientTests
{
    private const string RecordingSid = "RE0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Media_IsFetchedFromTheTenantsAccount_WithItsCredentials_AndTheRangePassedThrough()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var configuration = (await harness.Provider.GetRequiredService<TwilioCallTracking.ITwilioConfigurationStore>().FindByTenantAsync(TestTenants.A.TenantId))!;
        var client = harness.Provider.GetRequiredService<RecordingMediaClient>();

        using var response = await client.GetAsync(configuration, RecordingSid, RecordingFormat.Wav, bothChannels: true, new RangeHeaderValue(100, 199));

        var request = Assert.Single(harness.Twilio.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{TestTenants.A.AccountSid}/Recordings/{RecordingSid}.wav", request.Path);
        Assert.Equal("?RequestedChannels=2", request.Query);
        Assert.Equal("bytes=100-199", request.Range);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestTenants.A.AccountSid}:{TestTenants.A.AuthToken}")), request.Authorization);
    }

    [Fact]
    public async Task Mp3_OfOneChannel_HasNoQuery()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var configuration = (await harness.Provider.GetRequiredService<TwilioCallTracking.ITwilioConfigurationStore>().FindByTenantAsync(TestTenants.B.TenantId))!;

        using var response = await harness.Provider.GetRequiredService<RecordingMediaClient>().GetAsync(configuration, RecordingSid, RecordingFormat.Mp3, bothChannels: false, range: null);

        var request = Assert.Single(harness.Twilio.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{TestTenants.B.AccountSid}/Recordings/{RecordingSid}.mp3", request.Path);
        Assert.Equal(string.Empty, request.Query);
        Assert.Null(request.Range);
    }

    [Theory]
    [InlineData("https://evil.example.com/steal")]
    [InlineData("RE123")]
    [InlineData("../../Calls")]
    public async Task AnythingButARecordingSid_IsRefusedBeforeAnyRequest(string recordingSid)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var configuration = new TwilioConfiguration { TenantId = TestTenants.A.TenantId, AccountSid = TestTenants.A.AccountSid, ProtectedAuthToken = "v2.x.y", PhoneNumber = TestTenants.A.PhoneNumber };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Provider.GetRequiredService<RecordingMediaClient>().GetAsync(configuration, recordingSid, RecordingFormat.Mp3, false, null));
        Assert.Empty(harness.Twilio.Requests);
    }
}
