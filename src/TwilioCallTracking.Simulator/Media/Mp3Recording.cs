namespace TwilioCallTracking.Simulator.Media;

/// <summary>
/// Makes the MP3 media of a simulated recording by repeating the frames of a 1.8-second loop unit (made with LAME by
/// <c>Media/Resources/make-tone-units.py</c>: MPEG-2 Layer III, 16 kHz, no bit reservoir, so every frame stands alone)
/// until the recording's length is reached: the same tones as <see cref="WavRecording"/>.
/// </summary>
public static class Mp3Recording
{
    /// <summary>Samples in one MPEG-2 Layer III frame.</summary>
    private const int SamplesPerFrame = 576;

    private const int SampleRate = 16000;

    private static readonly Lazy<byte[][]> MonoFrames = new(() => LoadFrames("tone-mono.mp3"));
    private static readonly Lazy<byte[][]> DualFrames = new(() => LoadFrames("tone-dual.mp3"));

    /// <summary>How long one frame plays.</summary>
    public static TimeSpan FrameDuration { get; } = TimeSpan.FromSeconds((double)SamplesPerFrame / SampleRate);

    /// <summary>A complete MP3 file (frames only, no tags) at least <paramref name="duration"/> long (at most an hour).</summary>
    /// <param name="duration">How long the audio lasts.</param>
    /// <param name="channels">1 (mono) or 2 (stereo: channel 1 left, channel 2 right).</param>
    public static byte[] Create(TimeSpan duration, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);
        var unit = channels == 2 ? DualFrames.Value : MonoFrames.Value;
        var count = (int)Math.Ceiling(Math.Clamp(duration.TotalSeconds, 0, 3600) / FrameDuration.TotalSeconds);
        var mp3 = new byte[count * unit[0].Length];
        for (var i = 0; i < count; i++)
        {
            unit[i % unit.Length].CopyTo(mp3, i * unit[0].Length);
        }

        return mp3;
    }

    private static byte[][] LoadFrames(string name)
    {
        using var stream = typeof(Mp3Recording).Assembly.GetManifestResourceStream("TwilioCallTracking.Simulator." + name)
            ?? throw new InvalidOperationException($"The MP3 loop unit {name} is missing from the simulator assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();

        // A constant-bitrate stream without padding: every frame has the size its first header gives.
        var frameSize = FrameSize(bytes);
        return [.. bytes.Chunk(frameSize)];
    }

    private static int FrameSize(ReadOnlySpan<byte> header)
    {
        int[] bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
        int[] sampleRates = [22050, 24000, 16000];
        var kbps = bitrates[header[2] >> 4];
        var rate = sampleRates[(header[2] >> 2) & 3];
        var padding = (header[2] >> 1) & 1;
        return (72 * kbps * 1000 / rate) + padding;
    }
}
