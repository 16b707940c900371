using System.Buffers.Binary;

namespace TwilioCallTracking.Simulator.Media;

/// <summary>
/// Makes the WAV media of a simulated recording: 8 kHz, 16-bit PCM, a 440 Hz tone on channel 1 (the parent leg) and,
/// for a dual-channel recording, a 550 Hz tone on channel 2 (the child leg), as long as the recording.
/// </summary>
public static class WavRecording
{
    /// <summary>The sample rate, as Twilio's WAV recordings.</summary>
    public const int SampleRate = 8000;

    /// <summary>The tone of channel 1.</summary>
    public const double Channel1Hertz = 440;

    /// <summary>The tone of channel 2.</summary>
    public const double Channel2Hertz = 550;

    private const int HeaderBytes = 44;

    /// <summary>A complete WAV file (RIFF header and PCM data).</summary>
    /// <param name="duration">How long the audio lasts (at most an hour).</param>
    /// <param name="channels">1 or 2.</param>
    public static byte[] Create(TimeSpan duration, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);
        var samples = (int)(Math.Clamp(duration.TotalSeconds, 0, 3600) * SampleRate);
        var blockAlign = channels * 2;
        var dataBytes = samples * blockAlign;
        var wav = new byte[HeaderBytes + dataBytes];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        var data = span[HeaderBytes..];
        for (var i = 0; i < samples; i++)
        {
            var t = (double)i / SampleRate;
            BinaryPrimitives.WriteInt16LittleEndian(data[(i * blockAlign)..], Tone(Channel1Hertz, t));
            if (channels == 2)
            {
                BinaryPrimitives.WriteInt16LittleEndian(data[((i * blockAlign) + 2)..], Tone(Channel2Hertz, t));
            }
        }

        return wav;
    }

    private static short Tone(double hertz, double seconds) => (short)(0.3 * short.MaxValue * Math.Sin(2 * Math.PI * hertz * seconds));
}
