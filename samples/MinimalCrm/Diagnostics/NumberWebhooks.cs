using Microsoft.Extensions.Options;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using TwilioCallTracking;

namespace MinimalCrm.Diagnostics;

/// <summary>
/// Reads and sets where a tenant's Twilio number sends its calls (the number's Voice URL and status callback), through
/// the SDK's IncomingPhoneNumber resource: what the seed asks people to paste into the Twilio Console by hand.
/// </summary>
/// <param name="clients">Creates the tenant's Twilio client.</param>
/// <param name="options">The call tracking options (public base URL, webhook path).</param>
public sealed class NumberWebhooks(ITwilioClientFactory clients, IOptions<TwilioCallTrackingOptions> options)
{
    /// <summary>The URLs the number should use: Voice URL = answer webhook, status callback = status webhook.</summary>
    public CallbackUrls? ExpectedUrls(TwilioConfiguration configuration) => CallbackUrls.For(configuration, options.Value);

    /// <summary>The tenant's number as Twilio has it, or <see langword="null"/> when the account does not own it.</summary>
    public async Task<IncomingPhoneNumberResource?> FindAsync(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var numbers = await IncomingPhoneNumberResource.ReadAsync(
            new ReadIncomingPhoneNumberOptions { PathAccountSid = configuration.AccountSid, PhoneNumber = new PhoneNumber(configuration.PhoneNumber), Limit = 1 },
            clients.Create(configuration));
        return numbers.FirstOrDefault();
    }

    /// <summary>Points the tenant's number at this app; returns <see langword="false"/> when the account does not own the number.</summary>
    public async Task<bool> PointAtThisAppAsync(TwilioConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (ExpectedUrls(configuration) is not { } urls || await FindAsync(configuration) is not { } number)
        {
            return false;
        }

        await IncomingPhoneNumberResource.UpdateAsync(
            new UpdateIncomingPhoneNumberOptions(number.Sid)
            {
                PathAccountSid = configuration.AccountSid,
                VoiceUrl = urls.Answer,
                VoiceMethod = Twilio.Http.HttpMethod.Post,
                StatusCallback = urls.ConsoleStatus,
                StatusCallbackMethod = Twilio.Http.HttpMethod.Post,
            },
            clients.Create(configuration));
        return true;
    }
}
