#!/usr/bin/env bash
# Adds a migration to both provider packages (when given a name), then rewrites the SQL scripts checked in for DBAs
# under docs/sql/ (they ship in no package):
#   postgresql.sql  idempotent (dotnet ef migrations script --idempotent): safe to run on any version of the schema;
#   sqlite.sql      from an empty database (SQLite cannot run idempotent migration scripts; use MigrateAsync instead).
# The row-level-security script (postgresql-rls.sql) is CallTrackingRowLevelSecurity.Script(); a test keeps it current.
# New migrations are made internal: the packages' public surface is their contexts, not their migrations.
# Usage: scripts/ef-migrations.sh [MigrationName]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
sqlite=src/TwilioCallTracking.EntityFramework.Sqlite
postgresql=src/TwilioCallTracking.EntityFramework.PostgreSql
ef() { local project=$1; shift; dotnet ef "$@" --project "$project" --startup-project "$project"; }
if [ $# -ge 1 ]; then
  ef "$sqlite" migrations add "$1" --context SqliteCallTrackingDbContext --output-dir Migrations
  ef "$postgresql" migrations add "$1" --context PostgreSqlCallTrackingDbContext --output-dir Migrations
  sed -i 's/^    public partial class /    internal partial class /' "$sqlite"/Migrations/*.cs "$postgresql"/Migrations/*.cs
fi
ef "$postgresql" migrations script --idempotent --context PostgreSqlCallTrackingDbContext --output docs/sql/postgresql.sql
ef "$sqlite" migrations script --context SqliteCallTrackingDbContext --output docs/sql/sqlite.sql
echo "ef-migrations: scripts written to docs/sql/"
