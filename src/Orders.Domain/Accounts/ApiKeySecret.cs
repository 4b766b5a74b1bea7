using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Orders.Domain.Accounts;

/// <summary>
/// The secret of an API key: <c>ord_</c> (so scanners and people recognise it) and 32 random bytes, base64url. Only its
/// SHA-256 hash is stored. A fast hash is right here, unlike for passwords: 256 random bits cannot be guessed, however
/// many hashes a stolen table lets one try, and a fast hash costs a request nothing.
/// </summary>
public sealed class ApiKeySecret
{
    public const string Prefix = "ord_";

    private const int RandomBytes = 32;

    /// <summary>The length of the whole secret: the prefix and 43 base64url characters.</summary>
    public static readonly int Length = Prefix.Length + Base64Url.GetEncodedLength(RandomBytes);

    private readonly string _text;

    private ApiKeySecret(string text)
    {
        _text = text;
        Hash = SHA256.HashData(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>The hash the key is stored and found by.</summary>
    public byte[] Hash { get; }

    public static ApiKeySecret New() => new(Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes)));

    /// <summary>False for anything that cannot be a key's secret, which then needs no look-up.</summary>
    public static bool TryParse(string? text, out ApiKeySecret secret)
    {
        secret = null!;
        if (text is null || text.Length != Length || !text.StartsWith(Prefix, StringComparison.Ordinal)
            || !Base64Url.IsValid(text.AsSpan(Prefix.Length), out var decodedLength) || decodedLength != RandomBytes)
        {
            return false;
        }

        secret = new ApiKeySecret(text);
        return true;
    }

    /// <summary>Whether this is the secret of the key stored with <paramref name="storedHash"/>: in constant time, so timing tells nothing.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash, storedHash);

    /// <summary>The secret itself: shown once, to whoever created the key; never stored nor logged.</summary>
    public string Reveal() => _text;

    // Never the secret: a secret that ends up in a log line or an exception message by mistake shows nothing.
    public override string ToString() => $"{Prefix}…";
}
