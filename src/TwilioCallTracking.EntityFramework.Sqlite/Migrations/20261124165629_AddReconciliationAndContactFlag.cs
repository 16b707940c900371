using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwilioCallTracking.EntityFramework.Sqlite.Migrations
{
    /// <inheritdoc />
    internal partial class AddReconciliationAndContactFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "contact_ambiguous",
                table: "calls",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "reconcile_attempts",
                table: "calls",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "reconcile_lease_expires_at",
                table: "calls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "reconcile_lease_id",
                table: "calls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reconcile_next_at",
                table: "calls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_calls_reconcile",
                table: "calls",
                columns: new[] { "created_at", "id" },
                filter: "twilio_call_sid IS NOT NULL AND (from_number = '' OR price IS NULL OR status IN ('queued', 'initiated', 'ringing', 'in-progress'))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_calls_reconcile",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "contact_ambiguous",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "reconcile_attempts",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "reconcile_lease_expires_at",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "reconcile_lease_id",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "reconcile_next_at",
                table: "calls");
        }
    }
}
