namespace TwilioCallTracking.OutboxHost;

/// <summary>Where <see cref="FileRecordingHandler"/> writes.</summary>
public sealed record HandledFile(string Path);

/// <summary>
/// Appends each notification's id to a file (one line, flushed), then takes a moment, as a handler calling another
/// system would: a kill in that moment leaves work done but not recorded, which the outbox delivers again.
/// </summary>
public sealed class FileRecordingHandler(HandledFile file) : ICallNotificationHandler
{
    private static readonly Lock Gate = new();

    public async Task HandleAsync(CallNotification notification, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            File.AppendAllText(file.Path, notification.Id + Environment.NewLine);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
    }
}
