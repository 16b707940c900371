namespace TwilioCallTracking;

/// <summary>The audio formats Twilio serves a recording in.</summary>
public enum RecordingFormat
{
    /// <summary>MP3 (<c>.mp3</c>): small, plays everywhere.</summary>
    Mp3,

    /// <summary>WAV (<c>.wav</c>): uncompressed.</summary>
    Wav,
}
