using System.Security.Cryptography;
using System.Text;

namespace Orders.Application.Idempotency;

/// <summary>The rules of the Idempotency-Key header (IETF httpapi draft): where it is reported and what it may hold.</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    public const string InvalidMessage = "Header `Idempotency-Key` must be 1 to 255 printable ASCII characters";
    public const string RepeatedMessage = "Header `Idempotency-Key` must be sent once, with one key";
    public const string ReusedMessage = "This `Idempotency-Key` was already used for a different request";

    public static bool IsValid(string key) =>
        key.Length is > 0 and <= MaxLength && key.All(character => character is >= ' ' and <= '~');

    public static string Fingerprint(IIdempotentCommand command) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(command.CanonicalContent())));
}
