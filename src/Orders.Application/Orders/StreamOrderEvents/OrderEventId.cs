using System.Globalization;
using Orders.Application.Abstractions.Persistence;

namespace Orders.Application.Orders.StreamOrderEvents;

/// <summary>An event's id as clients see it: its place in the log, "{commit}-{position}".</summary>
internal static class OrderEventId
{
    public static string Format(OrderEventPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.Commit}-{position.Position}");

    public static bool TryParse(string text, out OrderEventPosition position)
    {
        position = null!;
        var parts = text.Split('-');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var commit)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            position = new OrderEventPosition(commit, sequence);
            return true;
        }

        return false;
    }
}
