using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace TwilioCallTracking.AspNetCore;

/// <summary>A webhook's raw body, read once into pooled memory (returned on dispose), never beyond a size limit.</summary>
internal sealed class WebhookBody : IDisposable
{
    private byte[]? _buffer;

    private WebhookBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>Whether the content type is <c>application/x-www-form-urlencoded</c> (any parameters, such as a charset).</summary>
    public static bool IsFormUrlEncoded(string? contentType)
    {
        const string FormType = "application/x-www-form-urlencoded";
        var type = contentType.AsSpan().Trim();
        return type.StartsWith(FormType, StringComparison.OrdinalIgnoreCase)
            && (type.Length == FormType.Length || type[FormType.Length] is ';' or ' ');
    }

    /// <summary>Reads the whole body; <see langword="null"/> when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<WebhookBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    var body = new WebhookBody(buffer, length);
                    buffer = null;
                    return body;
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
