using System.Linq.Expressions;
using Ardalis.Result;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orders.Application;
using Orders.Application.Abstractions.Accounts;
using Orders.Application.Abstractions.Idempotency;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Idempotency;
using Orders.Application.Orders.GetOrder;
using Orders.Application.Orders.ListOrders;
using Orders.Application.Orders.PlaceOrder;
using Orders.Domain.Accounts;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;
using static Orders.Web.DependencyInjection;

namespace Orders.UnitTests.Application;

/// <summary>
/// The pipeline exactly as <see cref="DependencyInjection.AddApplication"/> wires it, with the validators the
/// host registers. The unit of work and the logger write into one timeline, so the order of the behaviors shows
/// in it: logging outermost, then validation, then the transaction around the handler.
/// </summary>
public sealed class DependencyInjectionTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 13, 9, 26, TimeSpan.Zero);

    private readonly List<string> _timeline = [];
    private readonly FakeOrderRepository _orders = new();
    private readonly ServiceProvider _provider;

    public DependencyInjectionTests()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new RecordingLoggerProvider(_timeline)));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddMetrics(); // as the host registers it
        services.AddApplication().AddApplicationValidators();
        services.AddSingleton<IUnitOfWork>(new FakeUnitOfWork(_timeline));
        services.AddSingleton<IOrderRepository>(_orders);
        services.AddSingleton<ITradingTerms>(new FakeTradingTerms());
        services.AddSingleton<IOrderReadStore>(new EmptyOrderReadStore());
        services.AddSingleton<IIdempotencyStore>(new RecordingIdempotencyStore(_timeline));
        // No ValidateOnBuild: ports these requests do not use (the exchange, the jobs monitor) are left unregistered.
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    [Fact]
    public async Task An_invalid_command_is_logged_and_rejected_without_a_transaction()
    {
        var result = await SendAsync(new PlaceOrderCommand(OrderType.Market, OrderSide.Buy, "short", 150.55m, 1));

        result.Status.ShouldBe(ResultStatus.Invalid);
        result.ValidationErrors.Select(error => error.Identifier).ShouldBe(["Instrument", "LimitPrice"], ignoreOrder: true);
        _timeline.ShouldHaveSingleItem().ShouldMatch("^Debug: PlaceOrderCommand handled in .* ms, success: False$");
        _orders.Added.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_valid_command_adds_one_order_inside_one_committed_transaction_logged_around_it()
    {
        var result = await SendAsync(new PlaceOrderCommand(OrderType.Limit, OrderSide.Sell, "US0378331005", 150.55m, 10) { AccountId = AccountRules.DefaultAccountId });

        result.Status.ShouldBe(ResultStatus.Ok);
        _timeline.Count.ShouldBe(4);
        _timeline[..3].ShouldBe(["begin", "commit", "dispose"]);
        _timeline[3].ShouldMatch("^Debug: PlaceOrderCommand handled in .* ms, success: True$");

        var order = _orders.Added.ShouldHaveSingleItem();
        result.Value.ShouldBe(new PlaceOrderResponse(
            order.Id, Now.UtcDateTime, OrderType.Limit, OrderSide.Sell, "US0378331005", 150.55m, 10, OrderStatus.Pending));
    }

    [Fact]
    public async Task A_query_runs_without_a_transaction()
    {
        var id = Guid.CreateVersion7();

        using var scope = _provider.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetOrderQuery(AccountRules.DefaultAccountId, id), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(ResultStatus.NotFound);
        result.Errors.ShouldBe([$"Order '{id}' was not found."]);
        _timeline.ShouldHaveSingleItem().ShouldMatch("^Debug: GetOrderQuery handled in .* ms, success: False$");
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private async Task<Result<PlaceOrderResponse>> SendAsync(PlaceOrderCommand command) => (await SendAndSeeReplayAsync(command)).Result;

    /// <summary>Sends in a request scope of its own, and says whether the request was answered as a replay.</summary>
    private async Task<(Result<PlaceOrderResponse> Result, bool Replayed)> SendAndSeeReplayAsync(PlaceOrderCommand command)
    {
        using var scope = _provider.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
        return (result, scope.ServiceProvider.GetRequiredService<IdempotentReplay>().Replayed);
    }

    [Fact]
    public async Task A_command_with_an_idempotency_key_stores_it_with_the_response_inside_the_transaction()
    {
        var command = new PlaceOrderCommand(OrderType.Limit, OrderSide.Sell, "US0378331005", 150.55m, 10) { AccountId = AccountRules.DefaultAccountId, IdempotencyKey = "key-1" };

        var result = await SendAsync(command);

        result.Status.ShouldBe(ResultStatus.Ok);
        _timeline.Take(3).ShouldBe(["begin", "store key-1", "commit"]);
        _orders.Added.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_repeat_under_a_key_gets_the_first_response_marked_as_a_replay_and_commits_nothing()
    {
        var command = new PlaceOrderCommand(OrderType.Limit, OrderSide.Sell, "US0378331005", 150.55m, 10) { AccountId = AccountRules.DefaultAccountId, IdempotencyKey = "key-1" };
        var first = await SendAndSeeReplayAsync(command);
        _timeline.Clear();

        var repeat = await SendAndSeeReplayAsync(command);

        first.Replayed.ShouldBeFalse();
        repeat.Replayed.ShouldBeTrue();
        repeat.Result.Status.ShouldBe(ResultStatus.Ok);
        repeat.Result.Value.ShouldBe(first.Result.Value);
        _timeline.Take(3).ShouldBe(["begin", "store key-1", "dispose"]);
    }

    [Fact]
    public async Task A_different_command_under_a_used_key_is_invalid_on_the_key_and_not_a_replay()
    {
        await SendAsync(new PlaceOrderCommand(OrderType.Limit, OrderSide.Sell, "US0378331005", 150.55m, 10) { AccountId = AccountRules.DefaultAccountId, IdempotencyKey = "key-1" });

        var other = await SendAndSeeReplayAsync(new PlaceOrderCommand(OrderType.Limit, OrderSide.Sell, "US0378331005", 150.55m, 11) { AccountId = AccountRules.DefaultAccountId, IdempotencyKey = "key-1" });

        other.Replayed.ShouldBeFalse();
        other.Result.Status.ShouldBe(ResultStatus.Invalid);
        other.Result.ValidationErrors.Select(error => (error.Identifier, error.ErrorMessage))
            .ShouldBe([(IdempotencyKey.HeaderName, IdempotencyKey.ReusedMessage)]);
    }

    /// <summary>Keeps the first request stored under each key (these tests commit every first request).</summary>
    private sealed class RecordingIdempotencyStore(List<string> timeline) : IIdempotencyStore
    {
        private readonly Dictionary<(Guid AccountId, string Key), IdempotentRequest> _stored = [];

        public Task<IdempotentRequest?> TryStoreAsync(Guid accountId, string key, IdempotentRequest request, CancellationToken cancellationToken)
        {
            timeline.Add($"store {key}");
            return Task.FromResult(_stored.TryAdd((accountId, key), request) ? null : _stored[(accountId, key)]);
        }
    }

    private sealed class EmptyOrderReadStore : IOrderReadStore
    {
        public Task<TResponse?> FindAsync<TResponse>(Expression<Func<Order, TResponse>> projection, Guid accountId, Guid id, CancellationToken cancellationToken)
            where TResponse : class => Task.FromResult<TResponse?>(null);

        public Task<IReadOnlyList<TResponse>> ListNewestFirstAsync<TResponse>(
            Expression<Func<Order, TResponse>> projection, OrderListFilter filter, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TResponse>>([]);
    }
}
