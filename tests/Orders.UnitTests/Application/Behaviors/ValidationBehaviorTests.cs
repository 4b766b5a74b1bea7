using Ardalis.Result;
using FluentValidation;
using Orders.Application.Behaviors;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application.Behaviors;

public sealed class ValidationBehaviorTests
{
    private int _handlerCalls;

    [Fact]
    public async Task An_invalid_request_becomes_an_Invalid_result_and_never_reaches_the_handler()
    {
        var behavior = Behavior(NameAndCountRules());

        var result = await behavior.Handle(new TestCommand(null, 1), TestContext.Current.CancellationToken, Handler);

        result.Status.ShouldBe(ResultStatus.Invalid);
        result.IsSuccess.ShouldBeFalse();
        Errors(result).ShouldBe([("Name", "Name is required")]);
        _handlerCalls.ShouldBe(0);
    }

    [Fact]
    public async Task The_errors_of_every_validator_are_reported_each_once_under_its_property()
    {
        var blankName = new InlineValidator<TestCommand>();
        blankName.RuleFor(command => command.Name).NotEmpty().WithMessage("Name is required");
        blankName.RuleFor(command => command.Name).Must(name => name != string.Empty).WithMessage("Name must not be blank");
        var behavior = Behavior(NameAndCountRules(), blankName);

        var result = await behavior.Handle(new TestCommand(string.Empty, 0), TestContext.Current.CancellationToken, Handler);

        result.Status.ShouldBe(ResultStatus.Invalid);
        Errors(result).ShouldBe([("Name", "Name is required"), ("Count", "Count must be positive"), ("Name", "Name must not be blank")], ignoreOrder: true);
        _handlerCalls.ShouldBe(0);
    }

    [Fact]
    public async Task A_valid_request_reaches_the_handler_once_and_gets_its_result()
    {
        var behavior = Behavior(NameAndCountRules());

        var result = await behavior.Handle(new TestCommand("name", 1), TestContext.Current.CancellationToken, Handler);

        result.Status.ShouldBe(ResultStatus.Ok);
        result.Value.ShouldBe("handled");
        _handlerCalls.ShouldBe(1);
    }

    [Fact]
    public async Task A_request_without_validators_reaches_the_handler()
    {
        var behavior = Behavior();

        var result = await behavior.Handle(new TestCommand(null, 0), TestContext.Current.CancellationToken, Handler);

        result.Value.ShouldBe("handled");
        _handlerCalls.ShouldBe(1);
    }

    private static ValidationBehavior<TestCommand, Result<string>> Behavior(params IValidator<TestCommand>[] validators) => new(validators);

    private static (string Property, string Message)[] Errors(Result<string> result) =>
        [.. result.ValidationErrors.Select(error => (error.Identifier, error.ErrorMessage))];

    private static InlineValidator<TestCommand> NameAndCountRules()
    {
        var validator = new InlineValidator<TestCommand>();
        validator.RuleFor(command => command.Name).NotEmpty().WithMessage("Name is required");
        validator.RuleFor(command => command.Count).GreaterThan(0).WithMessage("Count must be positive");
        return validator;
    }

    private Task<Result<string>> Handler()
    {
        _handlerCalls++;
        return Task.FromResult(Result<string>.Success("handled"));
    }
}
