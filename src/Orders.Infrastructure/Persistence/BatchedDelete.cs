using Microsoft.EntityFrameworkCore;

namespace Orders.Infrastructure.Persistence;

internal static class BatchedDelete
{
    /// <summary>Deletes the rows a batch at a time, so no single statement runs long or holds many locks.</summary>
    public static async Task<int> DeleteAllAsync<T>(IOrderedQueryable<T> rows, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await rows.Take(batchSize).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == batchSize);
        return total;
    }
}
