using System.Text.Json.Serialization;

namespace MinimalCrm.Diagnostics;

/// <summary>How one diagnostic check came out (written as its name in JSON).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckOutcome>))]
public enum CheckOutcome
{
    /// <summary>All good.</summary>
    Pass,

    /// <summary>Works here, but will not with real Twilio or in production.</summary>
    Warning,

    /// <summary>Broken: calls will not be placed or tracked until it is fixed.</summary>
    Fail,

    /// <summary>Information, nothing to fix.</summary>
    Info,
}
