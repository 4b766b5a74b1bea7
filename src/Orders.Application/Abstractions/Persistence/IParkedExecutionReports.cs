namespace Orders.Application.Abstractions.Persistence;

/// <summary>Received reports that cannot be applied, kept with their reason for an operator.</summary>
public interface IParkedExecutionReports
{
    /// <summary>Marks the received report parked with the reason, in the unit of work's transaction.</summary>
    Task ParkAsync(string executionId, string reason, CancellationToken cancellationToken);
}
