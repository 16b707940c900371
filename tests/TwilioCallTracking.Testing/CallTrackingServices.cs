using Microsoft.Extensions.DependencyInjection;

namespace TwilioCallTracking.Testing;

/// <summary>
/// The core's webhook, outbound and store services, addressed by tenant id the way a test names them: each call
/// resolves the tenant's configuration as the ASP.NET Core webhook filter does, then hands it to the real service.
/// </summary>
public sealed class CallTrackingServices(IServiceProvider services)
{
    public ICallStore Store => services.GetRequiredService<ICallStore>();

    public async Task<WebhookResult> AnswerInboundCallAsync(string tenantId, TwilioRequestParameters parameters, Uri? fallbackBaseUrl = null, CancellationToken cancellationToken = default) =>
        await services.GetRequiredService<InboundCallWebhook>().HandleAsync(await TenantAsync(tenantId, cancellationToken), parameters, fallbackBaseUrl, cancellationToken);

    public async Task<WebhookResult> ApplyStatusCallbackAsync(string tenantId, TwilioRequestParameters parameters, Guid? callId = null, CancellationToken cancellationToken = default) =>
        await services.GetRequiredService<StatusCallbackWebhook>().HandleAsync(await TenantAsync(tenantId, cancellationToken), parameters, callId, cancellationToken);

    public async Task<WebhookResult> ApplyRecordingCallbackAsync(string tenantId, TwilioRequestParameters parameters, Guid? callId = null, CancellationToken cancellationToken = default) =>
        await services.GetRequiredService<RecordingCallbackWebhook>().HandleAsync(await TenantAsync(tenantId, cancellationToken), parameters, callId, cancellationToken);

    public async Task<WebhookResult> ApplyDialActionAsync(string tenantId, TwilioRequestParameters parameters, CancellationToken cancellationToken = default) =>
        await services.GetRequiredService<DialActionWebhook>().HandleAsync(await TenantAsync(tenantId, cancellationToken), parameters, cancellationToken);

    public Task<StartCallResult> StartOutboundCallAsync(StartCallRequest request, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<OutboundCallService>().StartAsync(request, cancellationToken);

    public Task<Call?> FindCallAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
        Store.FindByIdAsync(tenantId, callId, cancellationToken);

    public Task<IReadOnlyList<Call>> ListCallsAsync(string tenantId, CallQuery query, CancellationToken cancellationToken = default) =>
        Store.ListAsync(tenantId, query, cancellationToken);

    public Task<IReadOnlyList<CallEvent>> ListEventsAsync(string tenantId, Guid callId, CancellationToken cancellationToken = default) =>
        Store.ListEventsAsync(tenantId, callId, cancellationToken);

    private async Task<TwilioConfiguration> TenantAsync(string tenantId, CancellationToken cancellationToken) =>
        await services.GetRequiredService<TwilioConfigurationService>().FindAsync(tenantId, cancellationToken)
        ?? throw new InvalidOperationException(TwilioConfigurationService.NotConfiguredMessage(tenantId));
}

/// <summary>Resolves <see cref="CallTrackingServices"/>.</summary>
public static class CallTrackingServicesExtensions
{
    /// <summary>The call tracking services of <paramref name="services"/> (a scope's provider).</summary>
    public static CallTrackingServices CallTracking(this IServiceProvider services) => new(services);
}
