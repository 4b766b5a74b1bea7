namespace Orders.Domain.Abstractions;

/// <summary>Something that happened in the domain and that the rest of the system reacts to.</summary>
public interface IDomainEvent;
