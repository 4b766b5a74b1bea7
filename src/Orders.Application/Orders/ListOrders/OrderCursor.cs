using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Application.Orders.ListOrders;

/// <summary>Where a page ended, as clients see it: the last order's position, opaque (base64url).</summary>
internal static class OrderCursor
{
    public static string Encode(OrderListPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{position.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{position.Id:N}"));

    public static bool TryDecode(string text, out OrderListPosition position)
    {
        position = null!;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 and <= 3155378975999999999
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                position = new OrderListPosition(new DateTime(ticks, DateTimeKind.Utc), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
