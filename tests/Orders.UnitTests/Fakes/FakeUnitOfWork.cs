using Orders.Application.Abstractions.Persistence;

namespace Orders.UnitTests.Fakes;

/// <summary>Records "begin", "commit" and "dispose" (a rollback when no commit came first) in <see cref="Calls"/>.</summary>
internal sealed class FakeUnitOfWork(List<string> calls) : IUnitOfWork
{
    public List<string> Calls { get; } = calls;

    public bool HasActiveTransaction { get; set; }

    public Task<IUnitOfWorkTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        HasActiveTransaction.ShouldBeFalse("a transaction was begun inside another one");
        Calls.Add("begin");
        HasActiveTransaction = true;
        return Task.FromResult<IUnitOfWorkTransaction>(new Transaction(this));
    }

    private sealed class Transaction(FakeUnitOfWork unitOfWork) : IUnitOfWorkTransaction
    {
        public Task CommitAsync(CancellationToken cancellationToken)
        {
            unitOfWork.Calls.Add("commit");
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            unitOfWork.Calls.Add("dispose");
            unitOfWork.HasActiveTransaction = false;
            return ValueTask.CompletedTask;
        }
    }
}
