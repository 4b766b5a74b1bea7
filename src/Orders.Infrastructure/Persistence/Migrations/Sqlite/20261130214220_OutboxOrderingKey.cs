using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orders.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxOrderingKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ordering_key",
                table: "outbox_messages",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_ordering",
                table: "outbox_messages",
                columns: new[] { "ordering_key", "occurred_at", "id" },
                filter: "ordering_key IS NOT NULL AND processed_at IS NULL AND dead_lettered_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_ordering",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "ordering_key",
                table: "outbox_messages");
        }
    }
}
