using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwilioCallTracking.EntityFramework.PostgreSql.Migrations
{
    /// <inheritdoc />
    internal partial class AddRecordingNoticeAndUnconfirmedCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_calls_reconcile",
                table: "calls");

            migrationBuilder.AddColumn<string>(
                name: "recording_notice",
                table: "twilio_configurations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_calls_reconcile",
                table: "calls",
                columns: new[] { "created_at", "id" },
                filter: "(twilio_call_sid IS NOT NULL AND (from_number = '' OR price IS NULL OR status IN ('queued', 'initiated', 'ringing', 'in-progress'))) OR (twilio_call_sid IS NULL AND status = 'queued')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_calls_reconcile",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "recording_notice",
                table: "twilio_configurations");

            migrationBuilder.CreateIndex(
                name: "ix_calls_reconcile",
                table: "calls",
                columns: new[] { "created_at", "id" },
                filter: "twilio_call_sid IS NOT NULL AND (from_number = '' OR price IS NULL OR status IN ('queued', 'initiated', 'ringing', 'in-progress'))");
        }
    }
}
