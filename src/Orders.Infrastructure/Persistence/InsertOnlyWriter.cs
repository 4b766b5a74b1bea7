using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orders.Infrastructure.Persistence;

/// <summary>
/// Writes a unit of work that only adds rows (a new order: the order, its first status change, its outbox
/// message) as one command of INSERTs, built from the EF model: tables, columns, principal tables first, and
/// each value through its property's type mapping, as EF's own batches do. SaveChanges' general machinery
/// (a modification command per row, a dependency sort, reading back generated keys) cost about 40 % of the
/// service's CPU per order (solution.md, Performance). Anything else (an update, a delete, a mapping this
/// class does not know) is left to SaveChanges.
/// </summary>
internal sealed class InsertOnlyWriter
{
    private readonly ConcurrentDictionary<IEntityType, TableInsert?> _inserts = new();

    /// <summary>Writes the added rows and clears the change tracker; false, having written nothing, when SaveChanges must.</summary>
    public async Task<bool> TryWriteAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction?.GetDbTransaction() is not { } transaction)
        {
            return false;
        }

        var sqlHelper = context.GetService<ISqlGenerationHelper>();
        var rows = new List<(TableInsert Insert, EntityEntry Entry)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged)
            {
                continue;
            }

            if (entry.State != EntityState.Added
                || _inserts.GetOrAdd(entry.Metadata, TableInsert.For, sqlHelper) is not { } insert
                || !insert.CanWrite(entry))
            {
                return false;
            }

            rows.Add((insert, entry));
        }

        if (rows.Count == 0)
        {
            return false;
        }

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = context.Database.GetCommandTimeout() ?? command.CommandTimeout;
        var statements = new string[rows.Count];
        var index = 0;

        // A stable sort: principal tables first, rows of one table in the order they were added.
        foreach (var (insert, entry) in rows.OrderBy(row => row.Insert.Rank))
        {
            statements[index++] = insert.Statement(command.Parameters.Count);
            insert.AddParameters(command, entry);
        }

        command.CommandText = string.Concat(statements);
        await command.ExecuteNonQueryAsync(cancellationToken);

        // The rows are written; their store-generated keys are not read back, so the entries cannot become
        // Unchanged. The unit of work ends here, and the context with it.
        context.ChangeTracker.Clear();
        return true;
    }

    private sealed class TableInsert
    {
        // Statements are cached by the number of their first parameter; a command with more parameters builds the rest.
        private const int MaxCachedFirstParameter = 256;

        private static readonly string[] ParameterNames =
            [.. Enumerable.Range(0, MaxCachedFirstParameter).Select(number => "p" + number.ToString(CultureInfo.InvariantCulture))];

        private readonly string _prefix;
        private readonly IProperty[] _columns;
        private readonly IProperty? _storeGeneratedKey;
        private readonly ISqlGenerationHelper _sqlHelper;
        private readonly ConcurrentDictionary<int, string> _statements = new();

        private TableInsert(string prefix, IProperty[] columns, IProperty? storeGeneratedKey, ISqlGenerationHelper sqlHelper, int rank)
        {
            _prefix = prefix;
            _columns = columns;
            _storeGeneratedKey = storeGeneratedKey;
            _sqlHelper = sqlHelper;
            Rank = rank;
        }

        /// <summary>The table's place in the command: after every table it has a foreign key to.</summary>
        public int Rank { get; }

        /// <summary>
        /// The INSERT of one plain table: no inheritance, owned or complex types, table splitting, self-reference or
        /// concurrency token, and no store-generated value other than the key (left to the database, never read back).
        /// </summary>
        public static TableInsert? For(IEntityType entityType, ISqlGenerationHelper sqlHelper)
        {
            var (table, schema) = (entityType.GetTableName(), entityType.GetSchema());
            if (table is null
                || entityType.BaseType is not null
                || entityType.GetDirectlyDerivedTypes().Any()
                || entityType.IsOwned()
                || entityType.GetComplexProperties().Any()
                || entityType.GetNavigations().Any(navigation => navigation.TargetEntityType.IsOwned())
                || entityType.GetMappingFragments().Any()
                || entityType.Model.GetEntityTypes().Count(other => other.GetTableName() == table && other.GetSchema() == schema) != 1
                || RankOf(entityType, []) is not { } rank)
            {
                return null;
            }

            var key = entityType.FindPrimaryKey();
            IProperty? storeGeneratedKey = null;
            var columns = new List<IProperty>();
            foreach (var property in entityType.GetProperties())
            {
                if (property.IsConcurrencyToken)
                {
                    return null;
                }

                if (property.ValueGenerated == ValueGenerated.Never)
                {
                    columns.Add(property);
                }
                else if (key?.Properties is [var keyProperty] && keyProperty == property && property.ValueGenerated == ValueGenerated.OnAdd)
                {
                    storeGeneratedKey = property;
                }
                else
                {
                    return null;
                }
            }

            var storeObject = StoreObjectIdentifier.Table(table, schema);
            var columnList = string.Join(", ", columns.Select(property => sqlHelper.DelimitIdentifier(property.GetColumnName(storeObject)!)));
            var delimitedTable = sqlHelper.DelimitIdentifier(table, schema);
            return new TableInsert($"INSERT INTO {delimitedTable} ({columnList}) VALUES (", [.. columns], storeGeneratedKey, sqlHelper, rank);
        }

        /// <summary>A key left to the database must still be EF's temporary placeholder, not a value someone set.</summary>
        public bool CanWrite(EntityEntry entry) => _storeGeneratedKey is null || entry.Property(_storeGeneratedKey).IsTemporary;

        /// <summary>The INSERT of one row whose values are the parameters numbered from <paramref name="firstParameter"/>.</summary>
        public string Statement(int firstParameter) =>
            firstParameter < MaxCachedFirstParameter ? _statements.GetOrAdd(firstParameter, BuildStatement) : BuildStatement(firstParameter);

        public void AddParameters(DbCommand command, EntityEntry entry)
        {
            var values = entry.CurrentValues;
            foreach (var property in _columns)
            {
                var name = ParameterName(command.Parameters.Count);
                command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, values[property], property.IsNullable));
            }
        }

        private static string ParameterName(int number) =>
            number < ParameterNames.Length ? ParameterNames[number] : "p" + number.ToString(CultureInfo.InvariantCulture);

        private string BuildStatement(int firstParameter)
        {
            var placeholders = Enumerable.Range(firstParameter, _columns.Length).Select(number => _sqlHelper.GenerateParameterNamePlaceholder(ParameterName(number)));
            return $"{_prefix}{string.Join(", ", placeholders)});\n";
        }

        // Null for a cycle of foreign keys (a self-reference included): only SaveChanges can order those rows.
        private static int? RankOf(IEntityType entityType, HashSet<IEntityType> path)
        {
            if (!path.Add(entityType))
            {
                return null;
            }

            var rank = 0;
            foreach (var foreignKey in entityType.GetForeignKeys())
            {
                if (RankOf(foreignKey.PrincipalEntityType, path) is not { } principalRank)
                {
                    return null;
                }

                rank = Math.Max(rank, principalRank + 1);
            }

            path.Remove(entityType);
            return rank;
        }
    }
}
