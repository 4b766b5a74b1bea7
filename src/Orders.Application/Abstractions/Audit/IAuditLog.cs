namespace Orders.Application.Abstractions.Audit;

/// <summary>The operators' actions; an entry is written when the unit of work commits, with the action it records.</summary>
public interface IAuditLog
{
    void Add(AuditEntry entry);

    /// <summary>The <paramref name="limit"/> most recent entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> NewestAsync(int limit, CancellationToken cancellationToken);
}
