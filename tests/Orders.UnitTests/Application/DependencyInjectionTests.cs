using System.Linq.Expressions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.Application;
using Orders.Application.Abstractions.Idempotency;
using Orders.Application.Abstractions.Persistence;
using Orders.Application.Idempotency;
using Orders.Application.Orders.GetOrder;
using Orders.Application.Orders.ListOrders;
using Orders.Application.Orders.PlaceOrder;
using Orders.Application.Results;
using Orders.Domain.Orders;
using Orders.UnitTests.Fakes;

namespace Orders.UnitTests.Application;

/// <summary>
/// The pipeline exactly as <see cref="DependencyInjection.AddApplication"/> wires it. The unit of work and
/// the logger write into one timeline, so the order of the behaviors shows in it: logging outermost,
/// then validation, then the transaction around the handler.
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
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        services.AddApplication();
        services.AddSingleton<IUnitOfWork>(new FakeUnitOfWork(_timeline));
        services.AddSingleton<IOrderRepository>(_orders);
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
        result.Errors.Keys.ShouldBe(["Instrument", "LimitPrice"], ignoreOrder: true);
        _timeline.ShouldHaveSingleItem().ShouldMatch("^Debug: PlaceOrderCommand handled in .* ms, success: False$");
        _orders.Added.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_valid_command_adds_one_order_inside_one_committed_transaction_logged_around_it()
    {
        var result = await SendAsync(new PlaceOrderCommand(OrderType.Limit, OrderSide.Sell, "US0378331005", 150.55m, 10));

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
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetOrderQuery(id), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(ResultStatus.NotFound);
        result.Detail.ShouldBe($"Order '{id}' was not found.");
        _timeline.ShouldHaveSingleItem().ShouldMatch("^Debug: GetOrderQuery handled in .* ms, success: False$");
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private async Task<Result<PlaceOrderResponse>> SendAsync(PlaceOrderCommand command)
    {
        using var scope = _provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_command_with_an_idempotency_key_stores_it_with_the_response_inside_the_transaction()
    {
        var command = new PlaceOrderCommand(OrderType.Limit, OrderSide.Sell, "US0378331005", 150.55m, 10) { IdempotencyKey = "key-1" };

        var result = await SendAsync(command);

        result.Status.ShouldBe(ResultStatus.Ok);
        _timeline.Take(3).ShouldBe(["begin", "store key-1", "commit"]);
        _orders.Added.ShouldHaveSingleItem();
    }

    private sealed class RecordingIdempotencyStore(List<string> timeline) : IIdempotencyStore
    {
        public Task<IdempotentRequest?> TryStoreAsync(string key, IdempotentRequest request, CancellationToken cancellationToken)
        {
            timeline.Add($"store {key}");
            return Task.FromResult<IdempotentRequest?>(null);
        }
    }

    private sealed class EmptyOrderReadStore : IOrderReadStore
    {
        public Task<TResponse?> FindAsync<TResponse>(Expression<Func<Order, TResponse>> projection, Guid id, CancellationToken cancellationToken)
            where TResponse : class => Task.FromResult<TResponse?>(null);

        public Task<IReadOnlyList<TResponse>> ListNewestFirstAsync<TResponse>(
            Expression<Func<Order, TResponse>> projection, OrderListFilter filter, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TResponse>>([]);
    }
}
