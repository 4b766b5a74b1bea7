using System.Text;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace Orders.Web.Http;

/// <summary>
/// A request body read through while checking that it is UTF-8. Bytes that do not decode end the read with
/// an <see cref="InputFormatterException"/>, which model binding reports as an unreadable body.
/// </summary>
internal sealed class Utf8CheckingStream(Stream body) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = body.Read(buffer, offset, count);
        Check(buffer.AsSpan(offset, read), endOfBody: read == 0 && count > 0);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await body.ReadAsync(buffer, cancellationToken);
        Check(buffer.Span[..read], endOfBody: read == 0 && !buffer.IsEmpty);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
