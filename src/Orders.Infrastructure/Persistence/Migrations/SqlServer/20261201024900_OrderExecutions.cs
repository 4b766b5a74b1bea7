using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orders.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OrderExecutions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "average_price",
                table: "orders",
                type: "decimal(38,4)",
                precision: 38,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "filled_quantity",
                table: "orders",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "order_executions",
                columns: table => new
                {
                    execution_id = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false, collation: "Latin1_General_100_BIN2"),
                    order_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    type = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    quantity = table.Column<int>(type: "int", nullable: false),
                    price = table.Column<decimal>(type: "decimal(38,4)", precision: 38, scale: 4, nullable: false),
                    executed_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_executions", x => new { x.order_id, x.execution_id });
                    table.ForeignKey(
                        name: "FK_order_executions_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_executions");

            migrationBuilder.DropColumn(
                name: "average_price",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "filled_quantity",
                table: "orders");
        }
    }
}
