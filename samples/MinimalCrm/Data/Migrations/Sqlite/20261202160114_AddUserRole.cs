using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimalCrm.Data.Migrations.Sqlite
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
                type: "TEXT",
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
