using System.Text.Json;

namespace TwilioCallTracking.Simulator.Rest;

/// <summary>The JSON settings of the simulator's answers: Twilio's snake_case keys as written, independent of the host's settings.</summary>
internal static class SimulatorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);
}
