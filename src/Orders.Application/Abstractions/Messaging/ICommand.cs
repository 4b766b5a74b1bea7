using Ardalis.Result;
using MediatR;

namespace Orders.Application.Abstractions.Messaging;

/// <summary>Marks a request that changes state: it runs inside one database transaction.</summary>
public interface ICommand;

/// <summary>A request that changes state and answers with a result.</summary>
public interface ICommand<TResponse> : IRequest<Result<TResponse>>, ICommand;
