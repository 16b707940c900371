using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimalCrm.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCrm : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_tenants",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_tenants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_contacts", x => x.id);
                    table.ForeignKey(
                        name: "FK_crm_contacts_crm_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "crm_tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_users", x => x.id);
                    table.ForeignKey(
                        name: "FK_crm_users_crm_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "crm_tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_contact_phones",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_contact_phones", x => x.id);
                    table.ForeignKey(
                        name: "FK_crm_contact_phones_crm_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "crm_contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_crm_contact_phones_contact_id",
                table: "crm_contact_phones",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "IX_crm_contact_phones_tenant_id_number",
                table: "crm_contact_phones",
                columns: new[] { "tenant_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_contacts_tenant_id_name",
                table: "crm_contacts",
                columns: new[] { "tenant_id", "name" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_users_email",
                table: "crm_users",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_crm_users_tenant_id",
                table: "crm_users",
                column: "tenant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_contact_phones");

            migrationBuilder.DropTable(
                name: "crm_users");

            migrationBuilder.DropTable(
                name: "crm_contacts");

            migrationBuilder.DropTable(
                name: "crm_tenants");
        }
    }
}
