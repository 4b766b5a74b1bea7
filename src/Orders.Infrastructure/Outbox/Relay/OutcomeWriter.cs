using MediatR;
using Microsoft.EntityFrameworkCore;
using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Persistence;
using Orders.Infrastructure.Persistence;
using Orders.Infrastructure.Persistence.Sql;

namespace Orders.Infrastructure.Outbox.Relay;

/// <summary>
/// Records outcomes in one transaction: each row whose claim is still held is released with its outcome, and
/// its follow-up command runs in the same transaction, all or nothing. The others were taken over by another
/// relay after their lease ran out, and their outcomes change nothing.
/// </summary>
internal sealed class OutcomeWriter(
    OrdersDbContext dbContext,
    IOutboxSql sql,
    IUnitOfWork unitOfWork,
    IMediator mediator,
    IEnumerable<IPrepareFollowUps> preparations,
    TimeProvider timeProvider)
{
    private const int MaxErrorLength = 2000;

    /// <summary>Returns the ids of the rows recorded.</summary>
    public async Task<IReadOnlySet<Guid>> RecordAsync(IReadOnlyCollection<DispatchOutcome> outcomes)
    {
        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        var held = new HashSet<Guid>();
        foreach (var claim in outcomes.GroupBy(outcome => outcome.Message.LockToken))
        {
            held.UnionWith(await ReleaseAsync(claim.Key, claim.Select(outcome => outcome.Message.Id).ToList()));
        }

        var recorded = outcomes.Where(outcome => held.Contains(outcome.Message.Id)).ToList();
        await WriteOutcomesAsync(recorded);
        var followUps = recorded.Select(outcome => outcome.FollowUp).OfType<FollowUp>().ToList();
        foreach (var preparation in preparations)
        {
            await preparation.PrepareAsync([.. followUps.Select(followUp => followUp.Command)], CancellationToken.None);
        }

        foreach (var followUp in followUps)
        {
            // The command joins this transaction; its changes are saved when the transaction commits.
            await followUp.SendAsync(mediator, CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return held;
    }

    // One statement per claim releases the rows still held under its token and says which they were.
    private async Task<List<Guid>> ReleaseAsync(Guid token, IReadOnlyList<Guid> ids) =>
        await dbContext.Database.SqlQuery<Guid>(sql.Release(token, ids)).ToListAsync(CancellationToken.None);

    private async Task WriteOutcomesAsync(IReadOnlyList<DispatchOutcome> outcomes)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var done = outcomes.OfType<DispatchOutcome.Done>().Select(outcome => outcome.Message.Id).ToList();
        if (done.Count > 0)
        {
            await dbContext.OutboxMessages.Where(row => done.Contains(row.Id)).ExecuteUpdateAsync(
                rows => rows.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        }

        // Held back, they come by the batch during an outage: one statement. They are due again when the soonest may
        // be sent; one sent too early is only held back again.
        var notAttempted = outcomes.OfType<DispatchOutcome.NotAttempted>().ToList();
        if (notAttempted.Count > 0)
        {
            var ids = notAttempted.Select(outcome => outcome.Message.Id).ToList();
            var dueAt = now + notAttempted.Min(outcome => outcome.Delay);
            await dbContext.OutboxMessages.Where(row => ids.Contains(row.Id)).ExecuteUpdateAsync(
                rows => rows.SetProperty(m => m.Attempts, m => m.Attempts - 1).SetProperty(m => m.NextAttemptAt, dueAt), CancellationToken.None);
        }

        // Failures are few and each has its own values: one statement each.
        foreach (var outcome in outcomes)
        {
            var row = dbContext.OutboxMessages.Where(m => m.Id == outcome.Message.Id);
            switch (outcome)
            {
                case DispatchOutcome.Retry retry:
                    await row.ExecuteUpdateAsync(
                        rows => rows.SetProperty(m => m.NextAttemptAt, now + retry.Delay).SetProperty(m => m.LastError, Truncate(retry.Error)),
                        CancellationToken.None);
                    break;
                case DispatchOutcome.DeadLettered deadLettered:
                    await row.ExecuteUpdateAsync(
                        rows => rows.SetProperty(m => m.DeadLetteredAt, now).SetProperty(m => m.LastError, Truncate(deadLettered.Reason)),
                        CancellationToken.None);
                    break;
            }
        }
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
