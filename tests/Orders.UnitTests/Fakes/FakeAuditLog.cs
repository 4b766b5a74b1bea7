using Orders.Application.Abstractions.Audit;
using Orders.Application.Audit;

namespace Orders.UnitTests.Fakes;

/// <summary>Keeps what is recorded; an operator named <see cref="Operator"/> acts.</summary>
internal sealed class FakeAuditLog : IAuditLog, IOperatorIdentity
{
    public const string Operator = "key_00000000000000aa";

    public List<AuditEntry> Entries { get; } = [];

    public string Name => Operator;

    public void Add(AuditEntry entry) => Entries.Add(entry);

    public Task<IReadOnlyList<AuditEntry>> NewestAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. Entries.OrderByDescending(entry => entry.At).Take(limit)]);

    public OperatorAudit Audit(TimeProvider timeProvider) => new(this, this, timeProvider);
}
