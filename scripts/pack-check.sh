#!/usr/bin/env bash
# Packs every package and inspects what came out against the checked-in eng/packages.manifest: files, dependencies with
# versions, README, license, description, tags, symbols package. Fails on any drift, and on a package that breaks the
# rules in scripts/packages.py (test-only or pinned dependencies, relative README links, no .snupkg …). Then packs a
# second time from a clean rebuild and fails unless both packs have the same bytes.
#
#   bash scripts/pack-check.sh            check (CI runs this)
#   bash scripts/pack-check.sh --update   write eng/packages.manifest from this pack (review the diff, then commit it)
#   bash scripts/pack-check.sh --once     skip the second pack (about a minute less)
set -euo pipefail
cd "$(dirname "$0")/.."
update=false
twice=true
for argument in "$@"; do
  case "$argument" in
    --update) update=true ;;
    --once) twice=false ;;
    *) echo "pack-check: unknown argument $argument (use --update or --once)" >&2; exit 2 ;;
  esac
done

start=$SECONDS
packages=artifacts/packages
# Packed from a build of the packages alone, from scratch: what an earlier solution build (the tests') left in bin/ is
# not what a release build of the packages produces byte for byte (seen: the simulator's PDB), so it is not reused.
dotnet build TwilioCallTracking.Packages.slnf -c Release --no-incremental -warnaserror --nologo -v quiet
bash scripts/pack.sh "$packages" --no-build
actual="$(mktemp)"
trap 'rm -f "$actual"' EXIT
status=0
python3 scripts/packages.py manifest "$packages" > "$actual" || status=$?
if $update; then
  cp "$actual" eng/packages.manifest
  echo "pack-check: wrote eng/packages.manifest"
elif ! diff -u eng/packages.manifest "$actual"; then
  echo "pack-check: the packages differ from eng/packages.manifest (diff above: - expected, + packed). If the change is" >&2
  echo "pack-check: intended, run 'bash scripts/pack-check.sh --update' and commit eng/packages.manifest." >&2
  exit 1
fi
[ $status -eq 0 ] || { echo "pack-check: package rules broken (above)" >&2; exit $status; }
echo "pack-check: $(ls "$packages"/*.nupkg | wc -l) packages match eng/packages.manifest ($((SECONDS - start)) s)"

if $twice; then
  again=artifacts/packages-again
  # The same sources compiled again from scratch (the compiler, not a cache), then packed.
  dotnet build TwilioCallTracking.Packages.slnf --no-restore --no-incremental -c Release -warnaserror --nologo -v quiet
  bash scripts/pack.sh "$again" --no-build
  python3 scripts/packages.py same "$packages" "$again"
  rm -rf "$again"
  echo "pack-check: done in $((SECONDS - start)) s"
fi
