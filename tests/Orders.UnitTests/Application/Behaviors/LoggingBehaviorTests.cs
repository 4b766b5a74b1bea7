using Ardalis.Result;
using Orders.Application.Behaviors;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Behaviors;

public sealed class LoggingBehaviorTests
{
    private readonly List<string> _lines = [];
    private readonly LoggingBehavior<TestCommand, Result<string>> _behavior;

    public LoggingBehaviorTests() =>
        _behavior = new LoggingBehavior<TestCommand, Result<string>>(new RecordingLogger<LoggingBehavior<TestCommand, Result<string>>>(_lines));

    [Fact]
    public async Task A_successful_response_is_passed_through_and_logged_as_a_success()
    {
        var response = Result<string>.Success("done");

        var result = await _behavior.Handle(Command, TestContext.Current.CancellationToken, () => Task.FromResult(response));

        result.ShouldBeSameAs(response);
        _lines.ShouldHaveSingleItem().ShouldMatch(@"^Debug: TestCommand handled in \d+\.\d ms, success: True$");
    }

    [Fact]
    public async Task A_failed_response_is_passed_through_and_logged_as_a_failure()
    {
        var response = Result<string>.NotFound("not found");

        var result = await _behavior.Handle(Command, TestContext.Current.CancellationToken, () => Task.FromResult(response));

        result.ShouldBeSameAs(response);
        _lines.ShouldHaveSingleItem().ShouldMatch(@"^Debug: TestCommand handled in \d+\.\d ms, success: False$");
    }

    [Fact]
    public async Task An_exception_is_logged_as_an_error_and_rethrown_unchanged()
    {
        var failure = new InvalidOperationException("boom");

        var thrown = await Should.ThrowAsync<InvalidOperationException>(
            () => _behavior.Handle(Command, TestContext.Current.CancellationToken, () => throw failure));

        thrown.ShouldBeSameAs(failure);
        _lines.ShouldHaveSingleItem().ShouldMatch(@"^Error: TestCommand failed after \d+\.\d ms \(InvalidOperationException: boom\)$");
    }

    [Fact]
    public async Task A_request_its_caller_gave_up_on_is_logged_as_cancelled_not_as_an_error()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(
            () => _behavior.Handle(Command, aborted.Token, () => throw new OperationCanceledException(aborted.Token)));

        _lines.ShouldHaveSingleItem().ShouldMatch(@"^Information: TestCommand cancelled after \d+\.\d ms$");
    }

    private static TestCommand Command => new("name", 1);
}
