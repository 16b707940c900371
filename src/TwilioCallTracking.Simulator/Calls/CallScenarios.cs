using TwilioCallTracking.Simulator.Rest;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>
/// Chooses a call's behaviour from the number dialled, like Twilio's magic test numbers: a few numbers are refused at
/// once by the REST API, and the last four digits of any other number pick a <see cref="CallScenario"/>.
/// </summary>
public static class CallScenarios
{
    /// <summary>Refused with 21211 (invalid <c>To</c>), as Twilio's magic test number.</summary>
    public const string InvalidNumber = "+15005550001";

    /// <summary>Refused with 21214 (<c>To</c> cannot be reached), as Twilio's magic test number.</summary>
    public const string UnreachableNumber = "+15005550002";

    /// <summary>Refused with 21215 (no geographic permission), as Twilio's magic test number.</summary>
    public const string NoGeoPermissionNumber = "+15005550003";

    /// <summary>The scenario of a number: by its last four digits (0001 busy, 0002 no-answer, 0003 failed, 0004 duplicate
    /// delivery, 0005 out-of-order delivery, 0006 hung up at once), otherwise <see cref="CallScenario.Answer"/>.</summary>
    public static CallScenario For(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Length < 4 ? CallScenario.Answer : number[^4..] switch
        {
            "0001" => CallScenario.Busy,
            "0002" => CallScenario.NoAnswer,
            "0003" => CallScenario.Failed,
            "0004" => CallScenario.DuplicateDelivery,
            "0005" => CallScenario.OutOfOrderDelivery,
            "0006" => CallScenario.HangUpAtOnce,
            _ => CallScenario.Answer,
        };
    }

    /// <summary>The error Twilio answers at once when asked to call <paramref name="to"/>, or <see langword="null"/>.</summary>
    public static TwilioApiError? RejectionFor(string to) => to switch
    {
        InvalidNumber => TwilioApiError.BadRequest(21211, $"Invalid 'To' Phone Number: {to}"),
        UnreachableNumber => TwilioApiError.BadRequest(21214, $"'To' phone number cannot be reached: {to}"),
        NoGeoPermissionNumber => TwilioApiError.BadRequest(21215, $"Account not authorized to call {to}. Perhaps you need to enable some international permissions."),
        _ => null,
    };
}
