using System.Globalization;
using Orders.Infrastructure.Persistence.Sql;

namespace Orders.UnitTests.Infrastructure.Persistence.Sql;

public sealed class SqliteOutboxSqlTests
{
    [Fact]
    public void The_claims_lease_is_written_as_SQLite_reads_it_whatever_the_culture()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // decimal comma; flows with this test only

        var claim = new SqliteOutboxSql().Claim(Guid.NewGuid(), TimeSpan.FromSeconds(30), DateTime.UtcNow, 10);

        claim.GetArguments().ShouldContain("+30.000 seconds");
    }
}
