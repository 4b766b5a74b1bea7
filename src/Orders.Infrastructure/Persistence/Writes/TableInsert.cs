using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orders.Infrastructure.Persistence.Writes;

/// <summary>
/// The INSERT of one row of an entity's table, built from the EF model: every column the application sets (a key
/// the database generates is left to it and not read back), each value read through its property's getter and
/// written through its type mapping, as EF's own batches do. A shadow column that is the foreign key to the row's
/// principal takes the principal's key; another shadow column takes the value given for it.
/// </summary>
internal sealed class TableInsert
{
    private readonly string _prefix;
    private readonly IProperty[] _columns;
    private readonly ISqlGenerationHelper _sqlHelper;

    // By the number of the statement's first parameter: a command holds a few rows, so a few texts are reused.
    private readonly ConcurrentDictionary<int, string> _statements = new();

    private TableInsert(string prefix, IProperty[] columns, ISqlGenerationHelper sqlHelper)
    {
        _prefix = prefix;
        _columns = columns;
        _sqlHelper = sqlHelper;
    }

    public static TableInsert For<TEntity>(DbContext context)
    {
        var entityType = context.Model.FindEntityType(typeof(TEntity))!;
        var sqlHelper = context.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        IProperty[] columns = [.. entityType.GetProperties().Where(property => property.ValueGenerated == ValueGenerated.Never)];
        var columnList = string.Join(", ", columns.Select(property => sqlHelper.DelimitIdentifier(property.GetColumnName(table)!)));
        return new TableInsert($"INSERT INTO {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} ({columnList}) VALUES (", columns, sqlHelper);
    }

    /// <summary>
    /// Appends the row's statement to the command's text and its values to the command's parameters;
    /// <paramref name="shadowValues"/> holds the values of its shadow columns that are no foreign key, by property name.
    /// </summary>
    public void Add(DbCommand command, StringBuilder text, object entity, object? principal = null, IReadOnlyDictionary<string, object?>? shadowValues = null)
    {
        text.Append(_statements.GetOrAdd(command.Parameters.Count, BuildStatement));
        foreach (var property in _columns)
        {
            var value = !property.IsShadowProperty() ? property.GetGetter().GetClrValueUsingContainingEntity(entity)
                : property.IsForeignKey() ? PrincipalKeyOf(property, principal!)
                : shadowValues?.GetValueOrDefault(property.Name);
            command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, ParameterName(command.Parameters.Count), value, property.IsNullable));
        }
    }

    private static object? PrincipalKeyOf(IProperty foreignKeyProperty, object principal)
    {
        var foreignKey = foreignKeyProperty.GetContainingForeignKeys().Single();
        var principalKey = foreignKey.PrincipalKey.Properties.Zip(foreignKey.Properties).Single(pair => pair.Second == foreignKeyProperty).First;
        return principalKey.GetGetter().GetClrValueUsingContainingEntity(principal);
    }

    private static string ParameterName(int number) => "p" + number.ToString(CultureInfo.InvariantCulture);

    private string BuildStatement(int firstParameter)
    {
        var placeholders = Enumerable.Range(firstParameter, _columns.Length).Select(number => _sqlHelper.GenerateParameterNamePlaceholder(ParameterName(number)));
        return $"{_prefix}{string.Join(", ", placeholders)});\n";
    }
}
