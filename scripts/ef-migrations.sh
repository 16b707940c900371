#!/usr/bin/env bash
# Adds a migration to both providers of TwilioCallTracking.EntityFramework (when given a name), then rewrites the SQL
# scripts checked in under src/TwilioCallTracking.EntityFramework/Scripts/:
#   postgresql.sql  idempotent (dotnet ef migrations script --idempotent): safe to run on any version of the schema;
#   sqlite.sql      from an empty database (SQLite cannot run idempotent migration scripts; use MigrateAsync instead).
# The row-level-security script (postgresql-rls.sql) is CallTrackingRowLevelSecurity.Script(); a test keeps it current.
# Usage: scripts/ef-migrations.sh [MigrationName]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
project=src/TwilioCallTracking.EntityFramework
ef() { dotnet ef "$@" --project "$project" --startup-project "$project"; }
if [ $# -ge 1 ]; then
  ef migrations add "$1" --context SqliteCallTrackingDbContext --output-dir Migrations/Sqlite
  ef migrations add "$1" --no-build --context PostgreSqlCallTrackingDbContext --output-dir Migrations/PostgreSql
fi
ef migrations script --idempotent --context PostgreSqlCallTrackingDbContext --output "$project/Scripts/postgresql.sql"
ef migrations script --no-build --context SqliteCallTrackingDbContext --output "$project/Scripts/sqlite.sql"
echo "ef-migrations: scripts written to $project/Scripts/"
