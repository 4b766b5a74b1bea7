using Orders.Domain.Abstractions;

namespace Orders.Infrastructure.Persistence;

/// <summary>
/// The aggregates a unit of work creates, kept out of EF Core's change tracker until it commits: a unit of work
/// that only creates them has them written by <see cref="InsertOnlyWriter"/> without the tracker's cost
/// (solution.md, Performance). Until then a query does not see them.
/// </summary>
internal sealed class NewAggregates
{
    private readonly List<AggregateRoot> _items = [];

    public IReadOnlyList<AggregateRoot> Items => _items;

    public void Add(AggregateRoot aggregate) => _items.Add(aggregate);

    public void Clear() => _items.Clear();
}
