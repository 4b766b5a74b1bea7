using System.Security.Cryptography;
using System.Text;
using Orders.Domain.Accounts;

namespace Orders.UnitTests.Domain.Accounts;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 9, 26, TimeSpan.Zero);
    private static readonly Guid AccountId = Guid.CreateVersion7(Now);

    [Fact]
    public void A_new_secret_is_ord_and_32_random_bytes_in_base64url()
    {
        var (_, secret) = ApiKey.Issue(AccountId, ApiKeyRole.Client, Now);

        var text = secret.Reveal();
        text.ShouldStartWith("ord_");
        text.Length.ShouldBe(47);
        System.Buffers.Text.Base64Url.DecodeFromChars(text.AsSpan(4)).Length.ShouldBe(32);
    }

    [Fact]
    public void Every_key_gets_its_own_secret_and_id()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKey.Issue(AccountId, ApiKeyRole.Client, Now)).ToList();

        keys.Select(issued => issued.Secret.Reveal()).Distinct().Count().ShouldBe(100);
        keys.Select(issued => issued.Key.Id).Distinct().Count().ShouldBe(100);
    }

    [Fact]
    public void A_key_keeps_the_SHA_256_of_its_secret_and_not_the_secret()
    {
        var (key, secret) = ApiKey.Issue(AccountId, ApiKeyRole.Operator, Now);

        key.SecretHash.ShouldBe(SHA256.HashData(Encoding.ASCII.GetBytes(secret.Reveal())));
        key.Id.ShouldMatch("^key_[0-9a-f]{16}$");
        ApiKey.IsValidId(key.Id).ShouldBeTrue();
        (key.AccountId, key.Role, key.CreatedAt, key.RevokedAt, key.LastUsedAt).ShouldBe((AccountId, ApiKeyRole.Operator, Now.UtcDateTime, null, null));
    }

    [Fact]
    public void A_secret_read_back_from_its_text_matches_its_key_and_no_other()
    {
        var (key, secret) = ApiKey.Issue(AccountId, ApiKeyRole.Client, Now);
        var (other, _) = ApiKey.Issue(AccountId, ApiKeyRole.Client, Now);

        ApiKeySecret.TryParse(secret.Reveal(), out var presented).ShouldBeTrue();

        presented.Matches(key.SecretHash).ShouldBeTrue();
        presented.Matches(other.SecretHash).ShouldBeFalse();
        presented.Matches([]).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ord_")]
    [InlineData("key_0123456789abcdef")]
    [InlineData("ord_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 42 characters: 31.5 bytes
    [InlineData("ord_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 44 characters
    [InlineData("ORD_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ord_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+A")] // base64, not base64url
    [InlineData("ord_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA A")]
    public void Text_that_cannot_be_a_secret_is_malformed(string? text) =>
        ApiKeySecret.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void A_secret_never_shows_itself_as_a_string()
    {
        var (_, secret) = ApiKey.Issue(AccountId, ApiKeyRole.Client, Now);

        secret.ToString().ShouldBe("ord_…");
        $"{secret}".ShouldNotContain(secret.Reveal()[4..]);
    }

    [Theory]
    [InlineData("key_0123456789abcdef", true)]
    [InlineData("key_0123456789ABCDEF", false)]
    [InlineData("key_0123456789abcde", false)]
    [InlineData("key_0123456789abcdefa", false)]
    [InlineData("kex_0123456789abcdef", false)]
    [InlineData("key_0123456789abcdeg", false)]
    public void A_key_id_is_key_and_16_lower_case_hexadecimal_digits(string id, bool valid) =>
        ApiKey.IsValidId(id).ShouldBe(valid);

    [Fact]
    public void Revoking_again_keeps_the_first_revocation()
    {
        var (key, _) = ApiKey.Issue(AccountId, ApiKeyRole.Client, Now);

        key.Revoke(Now.AddMinutes(1));
        key.Revoke(Now.AddMinutes(2));

        key.RevokedAt.ShouldBe(Now.AddMinutes(1).UtcDateTime);
    }
}
