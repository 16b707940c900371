using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwilioCallTracking.EntityFramework.Sqlite.Migrations
{
    /// <inheritdoc />
    internal partial class AddTwilioApiKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "api_key_secret_encrypted",
                table: "twilio_configurations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "api_key_sid",
                table: "twilio_configurations",
                type: "TEXT",
                maxLength: 34,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "api_key_secret_encrypted",
                table: "twilio_configurations");

            migrationBuilder.DropColumn(
                name: "api_key_sid",
                table: "twilio_configurations");
        }
    }
}
