#!/usr/bin/env bash
# Proves README's quick starts work as written, against the packed packages (not project references):
#   1. packs the packages into artifacts/packages (skip with --no-pack to use the ones scripts/pack-check.sh just made);
#   2. checks that the quick start blocks in src/*/README.md are README.md's, word for word;
#   3. SQLite: puts README's quickstart:sqlite block as Program.cs into a fresh web project in a temp folder that
#      references TwilioCallTracking.AspNetCore and TwilioCallTracking.EntityFramework.Sqlite from the packed .nupkg
#      files (a temp nuget.config adds that folder next to the machine's default source), builds it with warnings as
#      errors, starts it without ENCRYPTION_KEY (it must stop with OptionsValidationException naming the setting), then
#      with it: a signed inbound call (answer webhook) gets TwiML that forwards it, a forged signature gets 403, a signed
#      completed status callback is accepted, and the call is read back from the database as completed;
#   4. PostgreSQL: the same with README's quickstart:postgresql block on a throwaway PostgreSQL 15 cluster;
#   5. the simulator package's README test (quickstart:simulator-test) runs with `dotnet test` in a fresh xunit project;
#   6. the store contract tests package's README block (quickstart:store-tests) runs the same way: every contract test
#      runs and passes, none skipped.
# The only file added to the quick start projects is scripts/quickstart/SaveCheckTenant.cs, which saves the tenant.
# Fails loudly (with the app's log) at the first thing that does not work. --keep keeps the temp folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
pack=true
keep=false
for argument in "$@"; do
  case "$argument" in
    --no-pack) pack=false ;;
    --keep) keep=true ;;
    *) echo "quickstart-check: unknown argument $argument (use --no-pack or --keep)" >&2; exit 2 ;;
  esac
done
check="python3 $repo/scripts/quickstart/check.py"
start=$SECONDS
step() { echo "quickstart-check: [$((SECONDS - start)) s] $*"; }

packages="$repo/artifacts/packages"
if $pack; then
  bash scripts/pack.sh "$packages"
fi
version="$(ls "$packages"/TwilioCallTracking.AspNetCore.*.nupkg 2>/dev/null | sed -E 's/.*TwilioCallTracking\.AspNetCore\.(.*)\.nupkg$/\1/' | head -1)"
[ -n "$version" ] || { echo "quickstart-check: no packages in $packages (run without --no-pack)" >&2; exit 1; }
$check same-blocks "$repo"

work="$(mktemp -d /tmp/tct-quickstart.XXXXXX)"
chmod 755 "$work"   # the PostgreSQL server runs as the postgres user
app_pid=""
pg_data=""
pg_bin=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if $keep; then echo "quickstart-check: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Our packages come from the folder just packed, never from a cache of an earlier pack with the same version.
export NUGET_PACKAGES="$work/nuget-packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<!-- The packed packages, next to the machine's default source (no <clear/>). -->
<configuration>
  <packageSources>
    <add key="twiliocalltracking-local" value="$packages" />
  </packageSources>
</configuration>
XML
central_version() { sed -nE "s/.*PackageVersion Include=\"$1\" Version=\"([^\"]+)\".*/\1/p" "$repo/Directory.Packages.props"; }

# new_project DIR SDK "extra properties" PACKAGE[=VERSION]...: a project file like `dotnet new` makes.
new_project() {
  local dir="$1" sdk="$2" properties="$3"
  shift 3
  mkdir -p "$dir"
  {
    echo "<Project Sdk=\"$sdk\">"
    echo "  <PropertyGroup>"
    echo "    <TargetFramework>net10.0</TargetFramework>"
    echo "    <Nullable>enable</Nullable>"
    echo "    <ImplicitUsings>enable</ImplicitUsings>$properties"
    echo "  </PropertyGroup>"
    echo "  <ItemGroup>"
    for package in "$@"; do
      echo "    <PackageReference Include=\"${package%%=*}\" Version=\"${package#*=}\" />"
    done
    echo "  </ItemGroup>"
    echo "</Project>"
  } > "$dir/$(basename "$dir").csproj"
}

# build DIR: restore (NU1603 stays a warning: this machine's registry lacks a version Twilio asks for), then build
# with every other warning an error.
build() {
  (cd "$1" && dotnet restore --nologo -v quiet && dotnet build --no-restore -c Release --nologo -v quiet -warnaserror -p:WarningsNotAsErrors=NU1603) \
    > "$1.build.log" 2>&1 || { cat "$1.build.log"; echo "quickstart-check: $(basename "$1") does not build (above)" >&2; exit 1; }
  grep -E "warning|error" "$1.build.log" | grep -v NU1603 | sort -u || true
}

show_log_and_fail() { echo "----- $1 -----" >&2; tail -n 60 "$1" >&2; echo "quickstart-check: $2" >&2; exit 1; }

# run_quickstart NAME BLOCK DATABASE_PACKAGE READ_CALL_ARGS... (READ_CALL_ARGS end with the call SID, appended here)
run_quickstart() {
  local name="$1" block="$2" database_package="$3"
  shift 3
  local dir="$work/$name"
  step "$name: a new web project with README's quickstart:$block block"
  new_project "$dir" Microsoft.NET.Sdk.Web "" "TwilioCallTracking.AspNetCore=$version" "$database_package=$version"
  $check block "$repo/README.md" "$block" > "$dir/Program.cs"
  cp "$repo/scripts/quickstart/SaveCheckTenant.cs" "$dir/"
  build "$dir"
  $check package-source "$NUGET_PACKAGES" "$packages"
  local dll="$dir/bin/Release/net10.0/$name.dll"

  step "$name: starts without ENCRYPTION_KEY, must stop with OptionsValidationException"
  # The process dies of the unhandled exception (SIGABRT): its subshell reports that into the log, not here.
  (cd "$dir" && env -u ENCRYPTION_KEY -u NEXT_PUBLIC_APP_URL -u TwilioCallTracking__EncryptionKey ASPNETCORE_URLS="http://127.0.0.1:$($check free-port)" \
    ASPNETCORE_ENVIRONMENT=Development timeout 120 dotnet "$dll" && echo "quickstart-check-exit=0" || echo "quickstart-check-exit=$?") > "$dir.nokey.log" 2>&1
  local status
  status="$(sed -n 's/^quickstart-check-exit=//p' "$dir.nokey.log")"
  [ "$status" != 0 ] && [ "$status" != 124 ] || show_log_and_fail "$dir.nokey.log" "$name started without ENCRYPTION_KEY (exit $status)"
  grep -q "OptionsValidationException" "$dir.nokey.log" && grep -q "TwilioCallTracking:EncryptionKey (or ENCRYPTION_KEY) is required" "$dir.nokey.log" \
    || show_log_and_fail "$dir.nokey.log" "$name stopped without ENCRYPTION_KEY, but not with an OptionsValidationException naming TwilioCallTracking:EncryptionKey and ENCRYPTION_KEY"
  step "$name: stopped with: $(grep -m1 -o "OptionsValidationException: .\{0,100\}" "$dir.nokey.log")"

  step "$name: starts with ENCRYPTION_KEY and NEXT_PUBLIC_APP_URL, takes a signed call"
  local port base
  port="$($check free-port)"
  base="http://127.0.0.1:$port"
  local tenant="quickstart" account_sid="AC$(openssl rand -hex 16)" token="$(openssl rand -hex 16)"
  (cd "$dir" && exec env ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Development NEXT_PUBLIC_APP_URL="$base" \
    ENCRYPTION_KEY="$(openssl rand -base64 32)" CHECK_TENANT_ID="$tenant" CHECK_ACCOUNT_SID="$account_sid" CHECK_AUTH_TOKEN="$token" \
    CHECK_PHONE_NUMBER="+18005550100" CHECK_FORWARD_TO="+14155550100" dotnet "$dll") > "$dir.run.log" 2>&1 &
  app_pid=$!
  $check wait-up "$base/api/calls" "$app_pid" 120 || show_log_and_fail "$dir.run.log" "$name did not start"
  grep -q "saved tenant $tenant" "$dir.run.log" || show_log_and_fail "$dir.run.log" "$name started without saving the check's tenant"
  $check webhooks "$base" "$tenant" "$account_sid" "$token" "+18005550100" "+14155550100" > "$dir.webhooks.log" \
    || { cat "$dir.webhooks.log"; show_log_and_fail "$dir.run.log" "$name did not take the signed call"; }
  head -n -1 "$dir.webhooks.log"
  local call_sid
  call_sid="$(tail -1 "$dir.webhooks.log")"
  local stored
  stored="$($check read-call "$@" "$call_sid")" || show_log_and_fail "$dir.run.log" "$name did not store the call"
  case "$stored" in
    "completed inbound +14155550123 +18005550100 events="[2-9]*) step "$name: stored call $call_sid: $stored" ;;
    *) show_log_and_fail "$dir.run.log" "$name stored the call as '$stored', not 'completed inbound +14155550123 +18005550100' with its events" ;;
  esac
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

run_quickstart QuickStartSqlite sqlite TwilioCallTracking.EntityFramework.Sqlite sqlite "$work/QuickStartSqlite/calls.db"

step "PostgreSQL: a throwaway PostgreSQL 15 cluster"
pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$pg_bin/initdb" ] || { echo "quickstart-check: PostgreSQL's initdb not found under /usr/lib/postgresql/*/bin (bash scripts/install-test-deps.sh installs it)" >&2; exit 1; }
pg_data="$work/pg/data"
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg"
pg_port="$($check free-port)"
as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C --no-sync > "$work/pg.log" 2>&1 || show_log_and_fail "$work/pg.log" "initdb failed"
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w -t 60 \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >> "$work/pg.log" 2>&1 \
  || show_log_and_fail "$work/pg/server.log" "PostgreSQL did not start"
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE quickstart" >> "$work/pg.log" 2>&1 || show_log_and_fail "$work/pg.log" "CREATE DATABASE failed"
export ConnectionStrings__CallTracking="Host=127.0.0.1;Port=$pg_port;Database=quickstart;Username=postgres"
run_quickstart QuickStartPostgres postgresql TwilioCallTracking.EntityFramework.PostgreSql postgres "$pg_bin/psql" "$pg_port" quickstart
unset ConnectionStrings__CallTracking

# run_readme_tests NAME PACKAGE BLOCK EXPECTED WHAT PACKAGE=VERSION...: the xunit block BLOCK of src/PACKAGE/README.md as the
# one file of a fresh test project on the packed packages, run with dotnet test; EXPECTED matches its summary line.
run_readme_tests() {
  # Not "package": new_project's loop variable would overwrite it (bash scopes dynamically).
  local name="$1" readme_package="$2" block="$3" expected="$4" what="$5"
  shift 5
  local tests="$work/$name"
  step "$readme_package: $what, with dotnet test"
  new_project "$tests" Microsoft.NET.Sdk "" "$@" \
    "Microsoft.NET.Test.Sdk=$(central_version Microsoft.NET.Test.Sdk)" "xunit=$(central_version xunit)" \
    "xunit.runner.visualstudio=$(central_version xunit.runner.visualstudio)"
  $check block "$repo/src/$readme_package/README.md" "$block" > "$tests/$name.cs"
  build "$tests"
  (cd "$tests" && dotnet test --no-build -c Release --nologo) > "$tests.test.log" 2>&1 || show_log_and_fail "$tests.test.log" "$what failed"
  grep -E "Passed!|Failed!" "$tests.test.log" | sed 's/^/quickstart-check: /'
  grep -qE "$expected" "$tests.test.log" || show_log_and_fail "$tests.test.log" "$what did not pass as expected ($expected)"
}

run_readme_tests SimulatorReadmeTests TwilioCallTracking.Simulator simulator-test "Passed!.*Passed: *1," \
  "the package README's test (exactly one)" "TwilioCallTracking.Simulator=$version" "TwilioCallTracking.AspNetCore=$version"
run_readme_tests StoreContractTests TwilioCallTracking.StoreTests store-tests "Passed!.*Failed: *0, Passed: *[1-9][0-9]+, Skipped: *0," \
  "the package README's contract tests (every one run and passed)" "TwilioCallTracking.StoreTests=$version"

step "done: both quick starts, the simulator README's test and the store contract tests work as written, from the packed packages"
