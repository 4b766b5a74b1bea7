namespace Orders.Application.Abstractions.Persistence;

/// <summary>
/// What a unit of work changed was changed by another transaction since it was read (an order's status is the
/// concurrency token of every update): nothing was saved, and the command may run again from a fresh read.
/// </summary>
public sealed class ConcurrencyConflictException(string message, Exception innerException) : Exception(message, innerException);
