using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Orders.Domain.Orders;
using Orders.Infrastructure.Monitoring.Tracing;
using Orders.Infrastructure.Outbox;

namespace Orders.Infrastructure.Persistence.Writes;

/// <summary>
/// The fast path of a unit of work that only accepts orders: each new order, its status changes, its events'
/// outbox rows and its entry in the order event log go to the database as one command of INSERTs in the unit of work's transaction, without EF Core's
/// change tracker, whose general machinery cost about half of the service's CPU per order (bench/RESULTS.md,
/// fix 14). Tables, columns and value conversions come from the EF model, so the EF configuration stays the one
/// mapping; a test per provider compares these rows with SaveChanges' column by column.
/// </summary>
internal sealed class NewOrderWriter
{
    private Tables? _tables;

    public async Task WriteAsync(
        DbContext context, IEnumerable<Order> orders, IEnumerable<OutboxMessage> messages, IEnumerable<OrderEvent> orderEvents, CancellationToken cancellationToken)
    {
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("New orders are written inside the unit of work's transaction.");
        var tables = _tables ??= new Tables(context);
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = context.Database.GetCommandTimeout() ?? command.CommandTimeout;
        var text = new StringBuilder();

        // A new order's journey begins in the current trace, as its outbox rows say.
        var journey = new Dictionary<string, object?> { [StoredTraceContext.JourneyProperty] = StoredTraceContext.Current() };
        foreach (var order in orders)
        {
            tables.Orders.Add(command, text, order, shadowValues: journey);
            foreach (var change in order.History)
            {
                tables.StatusChanges.Add(command, text, change, principal: order);
            }
        }

        foreach (var message in messages)
        {
            tables.Outbox.Add(command, text, message);
        }

        foreach (var orderEvent in orderEvents)
        {
            tables.OrderEvents.Add(command, text, orderEvent);
        }

        command.CommandText = text.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The tables, read once from the model (one per provider, and so per process).</summary>
    private sealed class Tables(DbContext context)
    {
        public TableInsert Orders { get; } = TableInsert.For<Order>(context);

        public TableInsert StatusChanges { get; } = TableInsert.For<OrderStatusChange>(context);

        public TableInsert Outbox { get; } = TableInsert.For<OutboxMessage>(context);

        public TableInsert OrderEvents { get; } = TableInsert.For<OrderEvent>(context);
    }
}
