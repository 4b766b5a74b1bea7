namespace Orders.IntegrationTests.Fixtures;

/// <summary>A request body that arrives a few bytes per read, as over a slow network: a character may be split between two reads.</summary>
public sealed class TrickleStream(byte[] bytes, int bytesPerRead) : MemoryStream(bytes)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, bytesPerRead));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        base.ReadAsync(buffer, offset, Math.Min(count, bytesPerRead), cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);
}
