using System.Collections.Concurrent;

namespace TwilioCallTracking.Simulator.Calls;

/// <summary>Every call leg and recording the simulator made, by SID.</summary>
internal sealed class CallRegistry
{
    private readonly ConcurrentDictionary<string, SimulatedCallState> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedRecording> _recordings = new(StringComparer.Ordinal);

    public IEnumerable<SimulatedCallState> All => _calls.Values;

    public void Add(SimulatedCallState call) => _calls[call.Sid] = call;

    public SimulatedCallState? Find(string sid) => _calls.TryGetValue(sid, out var call) ? call : null;

    public void Add(SimulatedRecording recording) => _recordings[recording.Sid] = recording;

    public SimulatedRecording? FindRecording(string sid) => _recordings.TryGetValue(sid, out var recording) ? recording : null;
}
