using Orders.Domain.Abstractions;

namespace Orders.Infrastructure.Persistence.Writes;

/// <summary>
/// The aggregates a unit of work creates, kept out of EF Core's change tracker until it commits, so that a unit of
/// work that only accepts orders can have them written by <see cref="NewOrderWriter"/>. Until then a query does
/// not see them.
/// </summary>
internal sealed class NewAggregates
{
    private readonly List<AggregateRoot> _items = [];

    public IReadOnlyList<AggregateRoot> Items => _items;

    public void Add(AggregateRoot aggregate) => _items.Add(aggregate);

    public void Clear() => _items.Clear();
}
