using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimalCrm.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddUserRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "crm_users",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Rep");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "role",
                table: "crm_users");
        }
    }
}
