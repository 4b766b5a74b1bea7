using System.Globalization;
using CsCheck;

namespace Orders.IntegrationTests.InputHandling;

/// <summary>Text that bodies and query strings alike are made of.</summary>
internal static class GeneratedText
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>ASCII letters and digits, what an instrument is made of (12 of them).</summary>
    public static Gen<string> Alphanumeric(int minLength, int maxLength) =>
        Gen.Char[Alphanumerics].Array[minLength, maxLength].Select(chars => new string(chars));

    public static string Number<T>(T number)
        where T : IFormattable => number.ToString(null, CultureInfo.InvariantCulture);
}
