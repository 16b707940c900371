using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwilioCallTracking.EntityFramework.Sqlite.Migrations
{
    /// <inheritdoc />
    internal partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    twilio_call_sid = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    parent_call_sid = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    from_number = table.Column<string>(type: "TEXT", nullable: false),
                    to_number = table.Column<string>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    twilio_direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    duration_seconds = table.Column<int>(type: "INTEGER", nullable: true),
                    recording_sid = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    recording_url = table.Column<string>(type: "TEXT", nullable: true),
                    recording_duration_seconds = table.Column<int>(type: "INTEGER", nullable: true),
                    price = table.Column<decimal>(type: "TEXT", nullable: true),
                    price_unit = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    dial_call_status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    error_code = table.Column<int>(type: "INTEGER", nullable: true),
                    error_message = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calls_id", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "twilio_configurations",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    account_sid = table.Column<string>(type: "TEXT", maxLength: 34, nullable: false),
                    auth_token_encrypted = table.Column<string>(type: "TEXT", nullable: false),
                    phone_number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    forward_to_number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    greeting = table.Column<string>(type: "TEXT", nullable: true),
                    recording_mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    public_base_url = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_twilio_configurations_tenant_id", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "call_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    event_type = table.Column<string>(type: "TEXT", nullable: false),
                    event_data = table.Column<string>(type: "TEXT", nullable: false),
                    deduplication_key = table.Column<string>(type: "TEXT", nullable: false),
                    sequence_number = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_events_id", x => x.id);
                    table.ForeignKey(
                        name: "fk_call_events_call_id",
                        column: x => x.call_id,
                        principalTable: "calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_call_events_call_id_created_at",
                table: "call_events",
                columns: new[] { "call_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_call_events_call_id_deduplication_key",
                table: "call_events",
                columns: new[] { "call_id", "deduplication_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calls_tenant_id_contact_id_created_at",
                table: "calls",
                columns: new[] { "tenant_id", "contact_id", "created_at" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "ix_calls_tenant_id_created_at",
                table: "calls",
                columns: new[] { "tenant_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ux_calls_twilio_call_sid",
                table: "calls",
                column: "twilio_call_sid",
                unique: true,
                filter: "twilio_call_sid IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_twilio_configurations_account_sid",
                table: "twilio_configurations",
                column: "account_sid");

            migrationBuilder.CreateIndex(
                name: "ux_twilio_configurations_phone_number",
                table: "twilio_configurations",
                column: "phone_number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "call_events");

            migrationBuilder.DropTable(
                name: "twilio_configurations");

            migrationBuilder.DropTable(
                name: "calls");
        }
    }
}
