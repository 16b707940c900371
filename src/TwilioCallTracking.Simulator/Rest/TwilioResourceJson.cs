using System.Globalization;
using TwilioCallTracking.Simulator.Calls;
using TwilioCallTracking.Simulator.Webhooks;

namespace TwilioCallTracking.Simulator.Rest;

/// <summary>
/// Twilio's REST resources (API 2010-04-01) as JSON objects with Twilio's field names, in the shapes the SDK reads:
/// Call, Account, IncomingPhoneNumber, Recording, and list pages.
/// </summary>
public static class TwilioResourceJson
{
    private const string Root = "/2010-04-01/Accounts/";

    /// <summary>A Call resource: sid, status, direction, RFC 2822 dates, duration (string seconds), price (string, negative) ….</summary>
    public static Dictionary<string, object?> Call(SimulatedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var path = $"{Root}{call.AccountSid}/Calls/{call.Sid}";
        return new Dictionary<string, object?>
        {
            ["sid"] = call.Sid,
            ["date_created"] = TwilioDates.Format(call.DateCreated),
            ["date_updated"] = TwilioDates.Format(call.DateUpdated == default ? call.DateCreated : call.DateUpdated),
            ["parent_call_sid"] = call.ParentCallSid,
            ["account_sid"] = call.AccountSid,
            ["to"] = call.To,
            ["to_formatted"] = FormatNumber(call.To),
            ["from"] = call.From,
            ["from_formatted"] = FormatNumber(call.From),
            ["phone_number_sid"] = call.PhoneNumberSid,
            ["status"] = call.Status,
            ["start_time"] = TwilioDates.Format(call.StartTime),
            ["end_time"] = TwilioDates.Format(call.EndTime),
            ["duration"] = call.DurationSeconds?.ToString(CultureInfo.InvariantCulture),
            ["price"] = call.Price?.ToString("0.00000", CultureInfo.InvariantCulture),
            ["price_unit"] = call.PriceUnit,
            ["direction"] = call.Direction,
            ["answered_by"] = null,
            ["api_version"] = TwilioWebhookPayloads.ApiVersion,
            ["forwarded_from"] = null,
            ["group_sid"] = null,
            ["caller_name"] = null,
            ["queue_time"] = "0",
            ["trunk_sid"] = null,
            ["uri"] = path + ".json",
            ["subresource_uris"] = new Dictionary<string, string>
            {
                ["feedback"] = path + "/Feedback.json",
                ["user_defined_messages"] = path + "/UserDefinedMessages.json",
                ["notifications"] = path + "/Notifications.json",
                ["recordings"] = path + "/Recordings.json",
                ["streams"] = path + "/Streams.json",
                ["payments"] = path + "/Payments.json",
                ["user_defined_message_subscriptions"] = path + "/UserDefinedMessageSubscriptions.json",
                ["siprec"] = path + "/Siprec.json",
                ["events"] = path + "/Events.json",
                ["feedback_summaries"] = $"{Root}{call.AccountSid}/Calls/FeedbackSummary.json",
            },
        };
    }

    /// <summary>An Account resource (it includes the auth token, as Twilio's does for the account's own credentials).</summary>
    public static Dictionary<string, object?> Account(SimulatedAccount account, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(account);
        var path = $"{Root}{account.Sid}";
        return new Dictionary<string, object?>
        {
            ["auth_token"] = account.AuthToken,
            ["date_created"] = TwilioDates.Format(created),
            ["date_updated"] = TwilioDates.Format(created),
            ["friendly_name"] = account.FriendlyName,
            ["owner_account_sid"] = account.Sid,
            ["sid"] = account.Sid,
            ["status"] = "active",
            ["type"] = "Full",
            ["uri"] = path + ".json",
            ["subresource_uris"] = new Dictionary<string, string>
            {
                ["calls"] = path + "/Calls.json",
                ["incoming_phone_numbers"] = path + "/IncomingPhoneNumbers.json",
                ["recordings"] = path + "/Recordings.json",
            },
        };
    }

    /// <summary>An IncomingPhoneNumber resource, with its voice URL and status callback.</summary>
    public static Dictionary<string, object?> IncomingPhoneNumber(string accountSid, SimulatedPhoneNumber number, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(number);
        var path = $"{Root}{accountSid}/IncomingPhoneNumbers/{number.Sid}";
        return new Dictionary<string, object?>
        {
            ["account_sid"] = accountSid,
            ["address_requirements"] = "none",
            ["address_sid"] = null,
            ["api_version"] = TwilioWebhookPayloads.ApiVersion,
            ["beta"] = false,
            ["bundle_sid"] = null,
            ["capabilities"] = new Dictionary<string, bool> { ["fax"] = false, ["mms"] = true, ["sms"] = true, ["voice"] = true },
            ["date_created"] = TwilioDates.Format(created),
            ["date_updated"] = TwilioDates.Format(created),
            ["emergency_address_sid"] = null,
            ["emergency_address_status"] = "unregistered",
            ["emergency_status"] = "Inactive",
            ["friendly_name"] = number.FriendlyName ?? FormatNumber(number.PhoneNumber),
            ["identity_sid"] = null,
            ["origin"] = "twilio",
            ["phone_number"] = number.PhoneNumber,
            ["sid"] = number.Sid,
            ["sms_application_sid"] = null,
            ["sms_fallback_method"] = "POST",
            ["sms_fallback_url"] = null,
            ["sms_method"] = "POST",
            ["sms_url"] = null,
            ["status"] = "in-use",
            ["status_callback"] = number.StatusCallback?.OriginalString,
            ["status_callback_method"] = number.StatusCallbackMethod,
            ["trunk_sid"] = null,
            ["uri"] = path + ".json",
            ["voice_application_sid"] = null,
            ["voice_caller_id_lookup"] = false,
            ["voice_fallback_method"] = "POST",
            ["voice_fallback_url"] = null,
            ["voice_method"] = number.VoiceMethod,
            ["voice_receive_mode"] = "voice",
            ["voice_url"] = number.VoiceUrl?.OriginalString,
            ["subresource_uris"] = new Dictionary<string, string> { ["assigned_add_ons"] = path + "/AssignedAddOns.json" },
        };
    }

    /// <summary>A Recording resource.</summary>
    public static Dictionary<string, object?> Recording(SimulatedRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var path = $"{Root}{recording.AccountSid}/Recordings/{recording.Sid}";
        return new Dictionary<string, object?>
        {
            ["account_sid"] = recording.AccountSid,
            ["api_version"] = TwilioWebhookPayloads.ApiVersion,
            ["call_sid"] = recording.CallSid,
            ["conference_sid"] = null,
            ["date_created"] = TwilioDates.Format(recording.StartTime),
            ["date_updated"] = TwilioDates.Format(recording.StartTime.AddSeconds(recording.DurationSeconds)),
            ["start_time"] = TwilioDates.Format(recording.StartTime),
            ["duration"] = recording.DurationSeconds.ToString(CultureInfo.InvariantCulture),
            ["sid"] = recording.Sid,
            ["price"] = null,
            ["price_unit"] = "USD",
            ["status"] = "completed",
            ["channels"] = recording.Channels,
            ["source"] = recording.Source,
            ["error_code"] = null,
            ["uri"] = path + ".json",
            ["encryption_details"] = null,
            ["media_url"] = recording.Url,
            ["subresource_uris"] = new Dictionary<string, string>
            {
                ["add_on_results"] = path + "/AddOnResults.json",
                ["transcriptions"] = path + "/Transcriptions.json",
            },
        };
    }

    /// <summary>One page of a list, in the 2010-04-01 shape the SDK's <c>Page&lt;T&gt;</c> reads (here always the only page).</summary>
    /// <param name="key">The records' key, e.g. <c>incoming_phone_numbers</c>.</param>
    /// <param name="records">The records.</param>
    /// <param name="uri">The list's URI with its query.</param>
    /// <param name="pageSize">The page size asked for.</param>
    public static Dictionary<string, object?> Page(string key, IReadOnlyList<Dictionary<string, object?>> records, string uri, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new Dictionary<string, object?>
        {
            [key] = records,
            ["start"] = 0,
            ["end"] = Math.Max(0, records.Count - 1),
            ["page"] = 0,
            ["page_size"] = pageSize,
            ["first_page_uri"] = uri,
            ["previous_page_uri"] = null,
            ["next_page_uri"] = null,
            ["uri"] = uri,
        };
    }

    /// <summary>How Twilio formats a number for people: <c>(415) 555-0100</c> for North America, else as given.</summary>
    public static string FormatNumber(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Length == 12 && number.StartsWith("+1", StringComparison.Ordinal) && number.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0
            ? $"({number[2..5]}) {number[5..8]}-{number[8..]}"
            : number;
    }
}
