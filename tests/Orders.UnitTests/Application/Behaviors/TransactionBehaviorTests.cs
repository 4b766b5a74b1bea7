using Ardalis.Result;
using Orders.Application.Behaviors;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Behaviors;

public sealed class TransactionBehaviorTests
{
    private readonly List<string> _calls = [];
    private readonly FakeUnitOfWork _unitOfWork;
    private readonly TransactionBehavior<TestCommand, Result<string>> _behavior;

    public TransactionBehaviorTests()
    {
        _unitOfWork = new FakeUnitOfWork(_calls);
        _behavior = new TransactionBehavior<TestCommand, Result<string>>(_unitOfWork);
    }

    [Fact]
    public async Task A_successful_handler_runs_inside_a_transaction_that_is_committed()
    {
        var response = Result<string>.Success("done");

        var result = await _behavior.Handle(Command, TestContext.Current.CancellationToken, HandlerReturning(response));

        result.ShouldBeSameAs(response);
        _calls.ShouldBe(["begin", "handler", "commit", "dispose"]);
    }

    [Theory]
    [InlineData(ResultStatus.Invalid)]
    [InlineData(ResultStatus.NotFound)]
    [InlineData(ResultStatus.Conflict)]
    public async Task A_failed_result_is_returned_and_its_transaction_rolled_back(ResultStatus status)
    {
        var response = Failure(status);

        var result = await _behavior.Handle(Command, TestContext.Current.CancellationToken, HandlerReturning(response));

        result.ShouldBeSameAs(response);
        _calls.ShouldBe(["begin", "handler", "dispose"]);
    }

    [Fact]
    public async Task An_exception_propagates_and_its_transaction_is_rolled_back()
    {
        var failure = new InvalidOperationException("boom");

        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => _behavior.Handle(Command, TestContext.Current.CancellationToken, () =>
        {
            _calls.Add("handler");
            throw failure;
        }));

        thrown.ShouldBeSameAs(failure);
        _calls.ShouldBe(["begin", "handler", "dispose"]);
    }

    [Fact]
    public async Task A_transaction_already_open_is_joined_not_nested_nor_committed()
    {
        _unitOfWork.HasActiveTransaction = true;
        var response = Result<string>.Success("done");

        var result = await _behavior.Handle(Command, TestContext.Current.CancellationToken, HandlerReturning(response));

        result.ShouldBeSameAs(response);
        _calls.ShouldBe(["handler"]);
    }

    private static TestCommand Command => new("name", 1);

    private static Result<string> Failure(ResultStatus status) => status switch
    {
        ResultStatus.Invalid => Result<string>.Invalid(new ValidationError("Name", "Name is required")),
        ResultStatus.NotFound => Result<string>.NotFound("not found"),
        ResultStatus.Conflict => Result<string>.Conflict("conflict"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a failure"),
    };

    private MediatR.RequestHandlerDelegate<Result<string>> HandlerReturning(Result<string> response) => () =>
    {
        _calls.Add("handler");
        return Task.FromResult(response);
    };
}
