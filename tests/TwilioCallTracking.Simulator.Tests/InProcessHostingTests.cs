using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Simulator.Tests;

/// <summary>The simulator mapped under a path of an application that also uses the core library, as the sample CRM runs it.</summary>
public sealed class InProcessHostingTests
{
    [Fact]
    public async Task MappedUnderAPrefix_ServesTheSdk_AndRecordingUrlsPointUnderThePrefix()
    {
        var account = SimulatedAccount.Create("+18777804236");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddTwilioSimulator(o =>
        {
            o.TimeScale = 0;
            o.Accounts.Add(account);
        });
        builder.Services.AddTwilioCallTracking(o => o.EncryptionKey = TestKeys.EncryptionKey);
        await using var app = builder.Build();
        app.MapTwilioSimulator("/twilio-sim");
        app.MapPost("/hooks/{kind}", () => Results.NoContent());
        await app.StartAsync();
        var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        // The port is known only once the app listens; the sample sets TwilioCallTracking:TwilioApiBaseUrl in its configuration.
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TwilioCallTrackingOptions>>().Value.TwilioApiBaseUrl = new Uri(baseUrl, "/twilio-sim");
        var protector = app.Services.GetRequiredService<IAuthTokenProtector>();
        var client = app.Services.GetRequiredService<ITwilioClientFactory>().Create(new TwilioConfiguration
        {
            TenantId = "t1", AccountSid = account.Sid, ProtectedAuthToken = protector.Protect(account.AuthToken, new AuthTokenOwner("t1", account.Sid)), PhoneNumber = "+18777804236",
        });
        var simulator = app.Services.GetRequiredService<TwilioSimulator>();

        var call = await CallResource.CreateAsync(new CreateCallOptions(new PhoneNumber("+14155550123"), new PhoneNumber("+18777804236"))
        {
            Twiml = new Twilio.Types.Twiml("<Response><Pause length=\"60\"/></Response>"),
            Record = true,
            RecordingStatusCallback = new Uri(baseUrl, "/hooks/recording").AbsoluteUri,
        }, client);
        await simulator.WaitForCallAsync(call.Sid).WaitAsync(Support.SdkCalls.Patience);
        var recording = Assert.Single(simulator.Log.Webhooks, w => w.Kind == Diagnostics.WebhookKind.RecordingStatusCallback);
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var media = await http.GetAsync(recording["RecordingUrl"] + ".mp3");
        using var calls = await http.GetAsync("/twilio-sim/simulator/calls");

        Assert.StartsWith(new Uri(baseUrl, "/twilio-sim/2010-04-01/Accounts/").AbsoluteUri, recording["RecordingUrl"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal(204, recording.ResponseStatus);
        Assert.Equal($"/2010-04-01/Accounts/{account.Sid}/Calls.json", simulator.Log.ApiRequests[0].Path);
        Assert.Contains(call.Sid, await calls.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await calls.Content.ReadFromJsonAsync<List<Dictionary<string, object?>>>());
        await app.StopAsync();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void MappingOutsideDevelopment_IsRefused_WithWhatToDo(string environment)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Services.AddTwilioSimulator();
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapTwilioSimulator("/twilio-sim"));

        Assert.Contains($"only in the Development environment, and this app runs in '{environment}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowOutsideDevelopment", error.Message, StringComparison.Ordinal);
        Assert.Empty(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints));
    }

    [Fact]
    public async Task MappingOutsideDevelopment_WhenAllowedInCode_ServesTheControlEndpoints()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddTwilioSimulator(o => o.AllowOutsideDevelopment = true);
        await using var app = builder.Build();

        app.MapTwilioSimulator("/twilio-sim");
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/twilio-sim/simulator/calls")).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public void MappingWithoutAddingTheServices_SaysWhatToCall()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapTwilioSimulator("/twilio-sim"));

        Assert.Contains("AddTwilioSimulator", error.Message, StringComparison.Ordinal);
    }
}
