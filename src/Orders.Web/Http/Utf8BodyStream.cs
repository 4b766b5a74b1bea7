using System.Text;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace Orders.Web.Http;

/// <summary>
/// A request body as the JSON reader gets it: without a leading UTF-8 byte order mark, and checked to be
/// UTF-8 as it is read. Bytes that do not decode end the read with an <see cref="InputFormatterException"/>,
/// which model binding reports as an unreadable body.
/// </summary>
internal sealed class Utf8BodyStream(Stream body) : Stream
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private byte[]? _lead;
    private int _leadDelivered;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        _lead ??= await ReadLeadAsync(cancellationToken);
        int read;
        if (_leadDelivered < _lead.Length)
        {
            read = Math.Min(buffer.Length, _lead.Length - _leadDelivered);
            _lead.AsMemory(_leadDelivered, read).CopyTo(buffer);
            _leadDelivered += read;
        }
        else
        {
            read = await body.ReadAsync(buffer, cancellationToken);
        }

        Check(buffer.Span[..read], endOfBody: read == 0);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The server allows no synchronous reads of a request body either.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // The body's first bytes, read ahead to drop a byte order mark whatever reads it arrives in: the JSON
    // reader skips one only when its first read holds all three bytes.
    private async Task<byte[]> ReadLeadAsync(CancellationToken cancellationToken)
    {
        var lead = new byte[ByteOrderMark.Length];
        var count = 0;
        int read;
        while (count < lead.Length && (read = await body.ReadAsync(lead.AsMemory(count), cancellationToken)) > 0)
        {
            count += read;
        }

        return lead.AsSpan(0, count).SequenceEqual(ByteOrderMark) ? [] : lead[..count];
    }

    // The decoder keeps a character split between two reads; at the end of the body it must be complete.
    private void Check(ReadOnlySpan<byte> bytes, bool endOfBody)
    {
        Span<char> chars = stackalloc char[256];
        try
        {
            do
            {
                _decoder.Convert(bytes, chars, endOfBody, out var bytesUsed, out _, out _);
                bytes = bytes[bytesUsed..];
            }
            while (!bytes.IsEmpty);
        }
        catch (DecoderFallbackException exception)
        {
            throw new InputFormatterException("The request body is not UTF-8.", exception);
        }
    }
}
