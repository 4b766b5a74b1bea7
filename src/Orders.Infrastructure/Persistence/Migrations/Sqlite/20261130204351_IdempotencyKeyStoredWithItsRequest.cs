using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orders.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdempotencyKeyStoredWithItsRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Claims of requests that never completed: a key is now stored only together with its response.
            migrationBuilder.Sql("DELETE FROM idempotency_keys WHERE completed_at IS NULL;");

            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "idempotency_keys");

            migrationBuilder.DropColumn(
                name: "token",
                table: "idempotency_keys");

            migrationBuilder.AlterColumn<string>(
                name: "response",
                table: "idempotency_keys",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "response",
                table: "idempotency_keys",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<DateTime>(
                name: "completed_at",
                table: "idempotency_keys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "token",
                table: "idempotency_keys",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
        }
    }
}
