using Ardalis.Result;
using MediatR;

namespace Orders.Application.Abstractions.Messaging;

/// <summary>A request that only reads: no transaction, no tracking, straight into the response shape.</summary>
public interface IQuery<TResponse> : IRequest<Result<TResponse>>;
