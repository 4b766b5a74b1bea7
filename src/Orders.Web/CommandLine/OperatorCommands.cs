using System.CommandLine;
using System.Globalization;
using Ardalis.Result;
using MediatR;
using Orders.Application.Accounts;
using Orders.Application.Accounts.CreateAccount;
using Orders.Application.Accounts.CreateApiKey;
using Orders.Application.Accounts.ResumeAccount;
using Orders.Application.Accounts.RevokeApiKey;
using Orders.Application.Accounts.SetAccountLimits;
using Orders.Application.Accounts.SuspendAccount;
using Orders.Application.Orders.CancelOpenOrders;
using Orders.Domain.Accounts;
using Orders.Infrastructure;

namespace Orders.Web.CommandLine;

/// <summary>
/// The operators' commands (<c>accounts …</c>, <c>keys …</c>), run with the service's own configuration and services
/// against its database, migrated first as a start would. Arguments of the form <c>--Section:Key=value</c> (a
/// configuration key starts with a capital letter) are the configuration's, as for the web host; the rest are the
/// command's. Each command goes through the Application's pipeline like a request: validated, in one transaction.
/// </summary>
internal static class OperatorCommands
{
    private const int Failed = 1;

    private static readonly string[] Groups = ["accounts", "keys"];

    public static bool Handles(string[] args) => args.Length > 0 && Groups.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var settings = args.Where(IsSetting).ToArray();
        var parsed = Commands(settings, output, error).Parse(args.Where(arg => !IsSetting(arg)).ToArray());
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static bool IsSetting(string arg) => arg.Length > 2 && arg.StartsWith("--", StringComparison.Ordinal) && char.IsAsciiLetterUpper(arg[2]) && arg.Contains('=');

    private static RootCommand Commands(string[] settings, TextWriter output, TextWriter error)
    {
        var run = new Runner(settings, error);
        var name = new Argument<string>("name") { Description = "The new account's name: 1 to 64 ASCII letters, digits, '-', '_' or '.'" };
        var account = new Argument<string>("account") { Description = "The account's name or id" };
        var keyId = new Argument<string>("key-id") { Description = "The key's id (key_…)" };
        var isOperator = new Option<bool>("--operator") { Description = "An operator's key (/ops), not a client's" };
        var maxQuantity = new Option<int?>("--max-quantity") { Description = "The largest quantity of one order; omitted: the configured default" };
        var maxNotional = new Option<decimal?>("--max-notional") { Description = "The largest quantity × limit price of one limit order; omitted: the configured default" };
        var cancelOpenOrders = new Option<bool>("--cancel-open-orders") { Description = "Also cancels the account's open orders (after the suspension, so none is added meanwhile)" };

        var createAccount = new Command("create", "Creates an account and its first client key") { name };
        createAccount.SetAction((result, token) => run.SendAsync(new CreateAccountCommand(result.GetValue(name)!), created =>
        {
            WriteAccount(output, created.Account);
            WriteKey(output, created.Key);
        }, token));

        var limits = new Command("limits", "Sets an account's own risk limits") { account, maxQuantity, maxNotional };
        limits.SetAction((result, token) => run.SendAsync(
            new SetAccountLimitsCommand(result.GetValue(account)!, result.GetValue(maxQuantity), result.GetValue(maxNotional)), changed => WriteAccount(output, changed), token));

        var suspend = new Command("suspend", "Suspends an account: its new orders are refused") { account, cancelOpenOrders };
        suspend.SetAction((result, token) => run.SendAsync(
            (mediator, cancellation) => SuspendAsync(mediator, new SuspendAccountCommand(result.GetValue(account)!, result.GetValue(cancelOpenOrders)), cancellation),
            suspended =>
            {
                WriteAccount(output, suspended.Account);
                if (suspended.Orders is { } orders)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Open orders: {orders.Cancelled.Count} cancelled, {orders.Cancelling.Count} being cancelled at the exchange"));
                }
            },
            token));

        var resume = new Command("resume", "Lifts an account's suspension") { account };
        resume.SetAction((result, token) => run.SendAsync(new ResumeAccountCommand(result.GetValue(account)!), changed => WriteAccount(output, changed), token));

        var createKey = new Command("create", "Creates another key for an account") { account, isOperator };
        createKey.SetAction((result, token) => run.SendAsync(
            new CreateApiKeyCommand(result.GetValue(account)!, result.GetValue(isOperator) ? ApiKeyRole.Operator : ApiKeyRole.Client), key => WriteKey(output, key), token));

        var revoke = new Command("revoke", "Revokes a key: from now on it authenticates no one") { keyId };
        revoke.SetAction((result, token) => run.SendAsync(new RevokeApiKeyCommand(result.GetValue(keyId)!), revoked =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Key {revoked.KeyId} of account {revoked.AccountId} revoked at {revoked.RevokedAt:O}")), token));

        return new RootCommand("The Orders service's operator commands")
        {
            new Command("accounts", "Manages accounts") { createAccount, limits, suspend, resume },
            new Command("keys", "Manages API keys") { createKey, revoke },
        };
    }

    /// <summary>The suspension commits first: from then on no order is added, so the mass cancel that follows leaves none open.</summary>
    private static async Task<Result<Suspension>> SuspendAsync(IMediator mediator, SuspendAccountCommand command, CancellationToken cancellationToken)
    {
        var suspended = await mediator.Send(command, cancellationToken);
        if (!suspended.IsSuccess || !command.CancelOpenOrders)
        {
            return suspended.Map(account => new Suspension(account, Orders: null));
        }

        var cancelled = await mediator.CancelAllAsync(new CancelOpenOrdersCommand(suspended.Value.Id, Instrument: null), cancellationToken);
        return cancelled.Map(orders => new Suspension(suspended.Value, orders));
    }

    private sealed record Suspension(AccountResponse Account, CancelOpenOrdersResponse? Orders);

    private static void WriteAccount(TextWriter output, AccountResponse account) =>
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Account {account.Name} ({account.Id}): {account.Status.ToString().ToLowerInvariant()}, max quantity {Limit(account.MaxQuantity)}, max notional {Limit(account.MaxNotional)}"));

    private static void WriteKey(TextWriter output, IssuedApiKey key)
    {
        output.WriteLine($"Key {key.KeyId} ({key.Role.ToString().ToLowerInvariant()}) of account {key.AccountId}; its secret, shown only now:");
        output.WriteLine(key.Secret.Reveal());
    }

    private static string Limit<T>(T? limit)
        where T : struct, IFormattable =>
        limit?.ToString(null, CultureInfo.InvariantCulture) ?? "default";

    /// <summary>Builds the service's host for one command, migrates its database and sends the command.</summary>
    private sealed class Runner(string[] settings, TextWriter error)
    {
        public Task<int> SendAsync<TResponse>(IRequest<Result<TResponse>> command, Action<TResponse> write, CancellationToken cancellationToken) =>
            SendAsync((mediator, cancellation) => mediator.Send(command, cancellation), write, cancellationToken);

        public async Task<int> SendAsync<TResponse>(Func<IMediator, CancellationToken, Task<Result<TResponse>>> send, Action<TResponse> write, CancellationToken cancellationToken)
        {
            await using var app = ServiceHost.CreateBuilder(settings).Build();
            await app.Services.PrepareDatabaseAsync(cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var result = await send(scope.ServiceProvider.GetRequiredService<IMediator>(), cancellationToken);
            if (result.IsSuccess)
            {
                write(result.Value);
                return 0;
            }

            foreach (var message in result.Errors.Concat(result.ValidationErrors.Select(failure => failure.ErrorMessage)))
            {
                await error.WriteLineAsync(message);
            }

            return Failed;
        }
    }
}
