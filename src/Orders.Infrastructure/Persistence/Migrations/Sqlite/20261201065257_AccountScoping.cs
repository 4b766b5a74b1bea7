using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orders.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountScoping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_idempotency_keys",
                table: "idempotency_keys");

            // Each event holds its order's owner: those written before take their order's (the default account's when
            // the order is gone).
            migrationBuilder.AddColumn<Guid>(
                name: "account_id",
                table: "order_events",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-7000-8000-000000000001"));

            migrationBuilder.Sql(
                "UPDATE order_events SET account_id = (SELECT orders.account_id FROM orders WHERE orders.id = order_events.order_id) "
                + "WHERE EXISTS (SELECT 1 FROM orders WHERE orders.id = order_events.order_id)");

            // The keys stored before keys were per account were sent without one: the default account's
            // (AccountRules.DefaultAccountId), like the orders of that time.
            migrationBuilder.AddColumn<Guid>(
                name: "account_id",
                table: "idempotency_keys",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-7000-8000-000000000001"));

            migrationBuilder.AddPrimaryKey(
                name: "PK_idempotency_keys",
                table: "idempotency_keys",
                columns: new[] { "account_id", "key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_idempotency_keys",
                table: "idempotency_keys");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "order_events");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "idempotency_keys");

            migrationBuilder.AddPrimaryKey(
                name: "PK_idempotency_keys",
                table: "idempotency_keys",
                column: "key");
        }
    }
}
