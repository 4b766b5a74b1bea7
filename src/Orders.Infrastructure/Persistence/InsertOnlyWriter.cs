using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orders.Infrastructure.Persistence;

/// <summary>
/// Writes new entities (a new order with its first status change, and its outbox message) as one command of
/// INSERTs, built from the EF model: tables, columns, principal tables first, and each value read through its
/// property's getter and written through its type mapping, as EF's own batches do. The entities never enter
/// the change tracker: tracking them and SaveChanges' general machinery (a modification command per row, a
/// dependency sort, reading back generated keys) were about half of the service's CPU per order (solution.md,
/// Performance). A mapping this class does not know is left to SaveChanges.
/// </summary>
internal sealed class InsertOnlyWriter
{
    private readonly ConcurrentDictionary<IEntityType, TableInsert?> _inserts = new();

    /// <summary>
    /// Writes the entities, each with the dependents its collection navigations hold, in the context's
    /// transaction; false, having written nothing, when SaveChanges must.
    /// </summary>
    public async Task<bool> TryWriteAsync(DbContext context, IReadOnlyCollection<object> entities, CancellationToken cancellationToken)
    {
        if (entities.Count == 0 || context.Database.CurrentTransaction?.GetDbTransaction() is not { } transaction)
        {
            return false;
        }

        var sqlHelper = context.GetService<ISqlGenerationHelper>();
        var rows = new List<Row>();
        foreach (var entity in entities)
        {
            if (!TryAddRows(context.Model, sqlHelper, entity, principal: null, foreignKey: null, rows))
            {
                return false;
            }
        }

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = context.Database.GetCommandTimeout() ?? command.CommandTimeout;
        var statements = new string[rows.Count];
        var index = 0;

        // A stable sort: principal tables first, rows of one table in the order they were found.
        foreach (var row in rows.OrderBy(row => row.Insert.Rank))
        {
            statements[index++] = row.Insert.Statement(command.Parameters.Count);
            row.Insert.AddParameters(command, row);
        }

        command.CommandText = string.Concat(statements);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    // The row of an entity, then those of the dependents in its collection navigations.
    private bool TryAddRows(IModel model, ISqlGenerationHelper sqlHelper, object entity, object? principal, IForeignKey? foreignKey, List<Row> rows)
    {
        if (model.FindEntityType(entity.GetType()) is not { } entityType
            || _inserts.GetOrAdd(entityType, TableInsert.For, sqlHelper) is not { } insert)
        {
            return false;
        }

        var row = new Row(insert, entity, principal, foreignKey);
        if (!insert.CanWrite(row))
        {
            return false;
        }

        rows.Add(row);
        foreach (var navigation in insert.Dependents)
        {
            if (navigation.GetGetter().GetClrValueUsingContainingEntity(entity) is not IEnumerable dependents)
            {
                continue;
            }

            foreach (var dependent in dependents)
            {
                if (!TryAddRows(model, sqlHelper, dependent, entity, navigation.ForeignKey, rows))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>An entity to insert; a dependent's foreign key takes its values from the principal holding it.</summary>
    private sealed record Row(TableInsert Insert, object Entity, object? Principal, IForeignKey? ForeignKey)
    {
        public object? ValueOf(IProperty property)
        {
            if (ForeignKey is { } foreignKey)
            {
                for (var index = 0; index < foreignKey.Properties.Count; index++)
                {
                    if (foreignKey.Properties[index] == property)
                    {
                        return foreignKey.PrincipalKey.Properties[index].GetGetter().GetClrValueUsingContainingEntity(Principal!);
                    }
                }
            }

            return property.GetGetter().GetClrValueUsingContainingEntity(Entity);
        }
    }

    private sealed class TableInsert
    {
        // Statements are cached by the number of their first parameter; a command with more parameters builds the rest.
        private const int MaxCachedFirstParameter = 256;

        private static readonly string[] ParameterNames =
            [.. Enumerable.Range(0, MaxCachedFirstParameter).Select(number => "p" + number.ToString(CultureInfo.InvariantCulture))];

        private readonly string _prefix;
        private readonly IProperty[] _columns;
        private readonly IProperty[] _shadowColumns;
        private readonly IProperty? _storeGeneratedKey;
        private readonly ISqlGenerationHelper _sqlHelper;
        private readonly ConcurrentDictionary<int, string> _statements = new();

        private TableInsert(
            string prefix, IProperty[] columns, IProperty? storeGeneratedKey, INavigation[] dependents, ISqlGenerationHelper sqlHelper, int rank)
        {
            _prefix = prefix;
            _columns = columns;
            _shadowColumns = [.. columns.Where(property => property.IsShadowProperty())];
            _storeGeneratedKey = storeGeneratedKey;
            _sqlHelper = sqlHelper;
            Dependents = dependents;
            Rank = rank;
        }

        /// <summary>The table's place in the command: after every table it has a foreign key to.</summary>
        public int Rank { get; }

        /// <summary>The collection navigations to dependents, whose rows are written with this one.</summary>
        public INavigation[] Dependents { get; }

        /// <summary>
        /// The INSERT of one plain table: no inheritance, owned or complex types, table splitting, self-reference or
        /// concurrency token, no store-generated value other than the key (left to the database, never read back),
        /// and no navigation but collections of dependents: the one shape of graph (a principal owning a list of
        /// dependents) that needs no fix-up beyond the dependents' foreign keys.
        /// </summary>
        public static TableInsert? For(IEntityType entityType, ISqlGenerationHelper sqlHelper)
        {
            var (table, schema) = (entityType.GetTableName(), entityType.GetSchema());
            if (table is null
                || entityType.BaseType is not null
                || entityType.GetDirectlyDerivedTypes().Any()
                || entityType.IsOwned()
                || entityType.GetComplexProperties().Any()
                || entityType.GetNavigations().Any(navigation => navigation.IsOnDependent || !navigation.IsCollection)
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
            return new TableInsert(
                $"INSERT INTO {delimitedTable} ({columnList}) VALUES (", [.. columns], storeGeneratedKey, [.. entityType.GetNavigations()], sqlHelper, rank);
        }

        /// <summary>
        /// Every column has a value (a shadow one only as a foreign key filled from the principal), and a key left
        /// to the database has none set yet.
        /// </summary>
        public bool CanWrite(Row row) =>
            _shadowColumns.All(property => row.ForeignKey?.Properties.Contains(property) == true)
            && (_storeGeneratedKey is null || _storeGeneratedKey.GetGetter().HasSentinelValueUsingContainingEntity(row.Entity));

        /// <summary>The INSERT of one row whose values are the parameters numbered from <paramref name="firstParameter"/>.</summary>
        public string Statement(int firstParameter) =>
            firstParameter < MaxCachedFirstParameter ? _statements.GetOrAdd(firstParameter, BuildStatement) : BuildStatement(firstParameter);

        public void AddParameters(DbCommand command, Row row)
        {
            foreach (var property in _columns)
            {
                var name = ParameterName(command.Parameters.Count);
                command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, row.ValueOf(property), property.IsNullable));
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
