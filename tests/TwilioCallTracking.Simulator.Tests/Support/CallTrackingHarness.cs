using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Twilio.Clients;
using TwilioCallTracking;
using TwilioCallTracking.Testing;

namespace TwilioCallTracking.Simulator.Tests.Support;

/// <summary>
/// The simulator on its own port, a webhook receiver on another, and the core library wired to both the production way:
/// <c>TwilioApiBaseUrl</c> sends the SDK to the simulator, <c>PublicBaseUrl</c> sends Twilio's callbacks to the receiver.
/// </summary>
public sealed class CallTrackingHarness : IAsyncDisposable
{
    public static readonly string TenantId = TestTenants.A.TenantId;
    public const string TwilioNumber = "+18777804236";
    public const string DefaultForwardTo = "+14155550100";

    private CallTrackingHarness(TwilioSimulatorHost twilio, WebhookReceiver receiver, SimulatedAccount account, ServiceProvider services)
    {
        Twilio = twilio;
        Receiver = receiver;
        Account = account;
        Services = services;
    }

    public TwilioSimulatorHost Twilio { get; }

    public TwilioSimulator Simulator => Twilio.Simulator;

    public WebhookReceiver Receiver { get; }

    public SimulatedAccount Account { get; }

    public ServiceProvider Services { get; }

    /// <summary>The tenant's Twilio SDK client, made by the core's <see cref="ITwilioClientFactory"/>.</summary>
    public ITwilioRestClient Client { get; private set; } = null!;

    public TwilioConfiguration Configuration { get; private set; } = null!;

    public static async Task<CallTrackingHarness> StartAsync(
        Action<TwilioSimulatorOptions>? configure = null,
        TimeProvider? timeProvider = null,
        string? forwardTo = DefaultForwardTo,
        RecordingMode recordingMode = RecordingMode.RecordFromRingingDual,
        Action<IServiceCollection>? configureServices = null)
    {
        var account = SimulatedAccount.Create();
        var receiver = await WebhookReceiver.StartAsync(account.AuthToken);
        account.PhoneNumbers.Add(new SimulatedPhoneNumber
        {
            PhoneNumber = TwilioNumber,
            VoiceUrl = receiver.Url("/api/twilio/voice/answer"),
            StatusCallback = receiver.Url("/api/twilio/voice/status"),
        });
        var twilio = await TwilioSimulatorHost.StartAsync(
            o =>
            {
                o.TimeScale = 0;
                o.MinTalkTime = o.MaxTalkTime = TimeSpan.FromSeconds(7);
                o.PriceDelay = TimeSpan.Zero;
                o.Accounts.Add(account);
                configure?.Invoke(o);
            },
            timeProvider);

        var collection = new ServiceCollection()
            .AddLogging()
            .AddTwilioCallTracking(o =>
            {
                o.EncryptionKey = TestKeys.EncryptionKey;
                o.AllowPrivateNetworkUrls = true;
                o.TwilioApiBaseUrl = twilio.BaseUrl;
                o.PublicBaseUrl = receiver.BaseUrl;
            })
            .Services;
        configureServices?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        var harness = new CallTrackingHarness(twilio, receiver, account, services);
        await using (var scope = services.CreateAsyncScope())
        {
            var errors = await scope.ServiceProvider.GetRequiredService<TwilioConfigurationService>().SaveAsync(TenantId, new TwilioSettings
            {
                AccountSid = account.Sid,
                AuthToken = account.AuthToken,
                PhoneNumber = TwilioNumber,
                ForwardToNumber = forwardTo,
                RecordingMode = recordingMode,
            });
            Assert.Empty(errors);
        }

        harness.Configuration = (await services.GetRequiredService<ITwilioConfigurationStore>().FindByTenantAsync(TenantId))!;
        harness.Client = services.GetRequiredService<ITwilioClientFactory>().Create(harness.Configuration);
        return harness;
    }

    /// <summary>Answers the receiver's webhooks with the core's <see cref="CallTrackingServices"/>, as the ASP.NET Core package would.</summary>
    public void RouteWebhooksToCallTracking() => Receiver.Respond = async webhook =>
    {
        await using var scope = Services.CreateAsyncScope();
        var service = scope.ServiceProvider.CallTracking();
        var parameters = new TwilioRequestParameters(webhook.Parameters);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(webhook.Url).Query);
        var tenant = query[WebhookPaths.TenantQueryParameter] ?? TenantId;
        Guid? callId = Guid.TryParse(query[WebhookPaths.CallQueryParameter], out var id) ? id : null;
        var result = webhook.Path switch
        {
            "/api/twilio/voice/answer" => await service.AnswerInboundCallAsync(tenant, parameters, Receiver.BaseUrl),
            "/api/twilio/voice/status" => await service.ApplyStatusCallbackAsync(tenant, parameters, callId),
            "/api/twilio/voice/recording" => await service.ApplyRecordingCallbackAsync(tenant, parameters, callId),
            "/api/twilio/voice/dial-action" => await service.ApplyDialActionAsync(tenant, parameters),
            _ => throw new InvalidOperationException($"Unexpected webhook {webhook.Path}"),
        };
        return result.Twiml is { } twiml ? WebhookReceiver.Twiml(twiml) : Results.NoContent();
    };

    public async ValueTask DisposeAsync()
    {
        await Twilio.DisposeAsync();
        await Receiver.DisposeAsync();
        await Services.DisposeAsync();
    }
}
