using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Twilio.Clients;
using Twilio.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using SystemNetHttpClient = Twilio.Http.SystemNetHttpClient;
using HttpClient = System.Net.Http.HttpClient;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using TwilioCallTracking;
using TwilioCallTracking.Testing;
using TwilioCallTracking.Simulator.Tests.Support;

namespace TwilioCallTracking.Simulator.Tests;

public sealed class RestApiTests
{
    [Fact]
    public async Task CreateCall_Answers201WithTwiliosCallJson()
    {
        await using var harness = await CallTrackingHarness.StartAsync(o => o.QueueTime = TimeSpan.FromHours(1));
        using var http = Authenticated(harness);

        using var response = await http.PostAsync($"2010-04-01/Accounts/{harness.Account.Sid}/Calls.json", new FormUrlEncodedContent(
        [
            new("To", "+14155550123"), new("From", CallTrackingHarness.TwilioNumber), new("Twiml", SdkCalls.HoldTwiml),
        ]));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var call = json.RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var sid = call.GetProperty("sid").GetString();
        Assert.True(TwilioSids.IsCallSid(sid));
        Assert.Equal("queued", call.GetProperty("status").GetString());
        Assert.Equal("outbound-api", call.GetProperty("direction").GetString());
        Assert.Equal(harness.Account.Sid, call.GetProperty("account_sid").GetString());
        Assert.Equal("+14155550123", call.GetProperty("to").GetString());
        Assert.Equal("(415) 555-0123", call.GetProperty("to_formatted").GetString());
        Assert.NotNull(TwilioTimestamp.Parse(call.GetProperty("date_created").GetString()));
        Assert.Equal(JsonValueKind.Null, call.GetProperty("price").ValueKind);
        Assert.Equal(JsonValueKind.Null, call.GetProperty("parent_call_sid").ValueKind);
        Assert.Equal(JsonValueKind.Null, call.GetProperty("start_time").ValueKind);
        Assert.Equal("USD", call.GetProperty("price_unit").GetString());
        Assert.Equal($"/2010-04-01/Accounts/{harness.Account.Sid}/Calls/{sid}.json", call.GetProperty("uri").GetString());
        Assert.Equal(
            $"/2010-04-01/Accounts/{harness.Account.Sid}/Calls/{sid}/Recordings.json",
            call.GetProperty("subresource_uris").GetProperty("recordings").GetString());
    }

    [Fact]
    public async Task WrongAuthToken_IsRefusedWith20003()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        var client = new TwilioRestClient(harness.Account.Sid, "not-the-token", httpClient: Redirected(harness));

        var error = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(
            new CreateCallOptions(new PhoneNumber("+14155550123"), new PhoneNumber(CallTrackingHarness.TwilioNumber)) { Twiml = new Twilio.Types.Twiml(SdkCalls.HoldTwiml) }, client));

        Assert.Equal(20003, error.Code);
        Assert.Equal(401, error.Status);
        Assert.Empty(harness.Simulator.GetCalls());
        Assert.Equal(401, Assert.Single(harness.Simulator.Log.ApiRequests).ResponseStatus);
    }

    [Fact]
    public async Task ApiKey_OpensItsAccount_ButNotWithAWrongSecret_NorAnotherAccount()
    {
        const string KeySid = "SK0123456789abcdef0123456789abcdef";
        const string Secret = "api-key-secret-0123456789abcdef";
        await using var harness = await CallTrackingHarness.StartAsync(o => o.Accounts[0].ApiKeys[KeySid] = Secret);
        var withKey = new TwilioRestClient(KeySid, Secret, accountSid: harness.Account.Sid, httpClient: Redirected(harness));
        var wrongSecret = new TwilioRestClient(KeySid, "not-the-secret", accountSid: harness.Account.Sid, httpClient: Redirected(harness));

        var call = await CallResource.CreateAsync(
            new CreateCallOptions(new PhoneNumber("+14155550123"), new PhoneNumber(CallTrackingHarness.TwilioNumber)) { Twiml = new Twilio.Types.Twiml(SdkCalls.HoldTwiml) }, withKey);
        var refused = await Assert.ThrowsAsync<ApiException>(() => CallResource.FetchAsync(pathSid: call.Sid, client: wrongSecret));

        Assert.Equal(harness.Account.Sid, call.AccountSid);
        Assert.Equal((20003, 401), (refused.Code, refused.Status));
    }

    [Fact]
    public async Task NoCredentials_Answers401WithTheBasicChallenge()
    {
        await using var harness = await CallTrackingHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.Twilio.BaseUrl };

        using var response = await http.GetAsync($"2010-04-01/Accounts/{harness.Account.Sid}/Calls.json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(20003, json.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("https://www.twilio.com/docs/errors/20003", json.RootElement.GetProperty("more_info").GetString());
        Assert.True(json.RootElement.TryGetProperty("message", out _));
    }

    [Fact]
    public async Task OneAccountsCredentials_DoNotOpenAnotherAccount()
    {
        var other = SimulatedAccount.Create("+18005550100");
        await using var harness = await CallTrackingHarness.StartAsync(o => o.Accounts.Add(other));

        var error = await Assert.ThrowsAsync<ApiException>(() => AccountResource.FetchAsync(pathSid: other.Sid, client: harness.Client));

        Assert.Equal(20003, error.Code);
    }

    [Fact]
    public async Task FetchAccount_ChecksCredentials_AndAnswersTheAccount()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var account = await AccountResource.FetchAsync(pathSid: harness.Account.Sid, client: harness.Client);

        Assert.Equal(harness.Account.Sid, account.Sid);
        Assert.Equal(AccountResource.StatusEnum.Active, account.Status);
        Assert.Equal(harness.Account.FriendlyName, account.FriendlyName);
    }

    [Theory]
    [InlineData("4155550123", CallTrackingHarness.TwilioNumber, 21211)]
    [InlineData("+15005550001", CallTrackingHarness.TwilioNumber, 21211)]
    [InlineData("+15005550002", CallTrackingHarness.TwilioNumber, 21214)]
    [InlineData("+15005550003", CallTrackingHarness.TwilioNumber, 21215)]
    [InlineData("+14155550123", "not-a-number", 21212)]
    [InlineData("+14155550123", "+18005559999", 21210)]
    public async Task InvalidCall_IsRefusedAtOnceWithTwiliosCode_AndNothingRings(string to, string from, int code)
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(
            new CreateCallOptions(new PhoneNumber(to), new PhoneNumber(from)) { Twiml = new Twilio.Types.Twiml(SdkCalls.HoldTwiml) }, harness.Client));

        Assert.Equal(code, error.Code);
        Assert.Equal(400, error.Status);
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", error.MoreInfo);
        Assert.Empty(harness.Simulator.GetCalls());
        Assert.Empty(harness.Simulator.Log.Webhooks);
    }

    [Fact]
    public async Task CallWithoutUrlOrTwiml_IsRefusedWith21205()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ApiException>(() => CallResource.CreateAsync(
            new CreateCallOptions(new PhoneNumber("+14155550123"), new PhoneNumber(CallTrackingHarness.TwilioNumber)), harness.Client));

        Assert.Equal(21205, error.Code);
    }

    [Fact]
    public async Task UnknownCall_Answers20404()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ApiException>(() => CallResource.FetchAsync(pathSid: "CA" + new string('0', 32), client: harness.Client));

        Assert.Equal(20404, error.Code);
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task CreateRequests_AreLoggedWithTheirRepeatedFields()
    {
        await using var harness = await CallTrackingHarness.StartAsync();

        var sid = await SdkCalls.PlaceAsync(harness, "+14155550123");

        var create = Assert.Single(harness.Simulator.Log.ApiRequests, r => r.Method == "POST");
        Assert.Equal($"/2010-04-01/Accounts/{harness.Account.Sid}/Calls.json", create.Path);
        Assert.Equal(harness.Account.Sid, create.AuthenticatedAccountSid);
        Assert.Equal(201, create.ResponseStatus);
        Assert.Equal(["initiated", "ringing", "answered", "completed"], create.All("StatusCallbackEvent"));
        Assert.Equal(["completed", "absent"], create.All("RecordingStatusCallbackEvent"));
        Assert.Equal("true", create["Record"]);
        Assert.All(harness.Simulator.Log.WebhooksFor(sid), w => Assert.True(w.Succeeded));
    }

    private static HttpClient Authenticated(CallTrackingHarness harness)
    {
        var http = new HttpClient { BaseAddress = harness.Twilio.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{harness.Account.Sid}:{harness.Account.AuthToken}")));
        return http;
    }

    /// <summary>An SDK HTTP client sent to the simulator by the core's own redirect (through a second core setup).</summary>
    private static SystemNetHttpClient Redirected(CallTrackingHarness harness) =>
        new(harness.Services.GetRequiredService<IHttpClientFactory>().CreateClient(TwilioClientFactory.HttpClientName));
}
