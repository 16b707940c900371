#!/usr/bin/env bash
# Packs every package (the projects under src/, listed in TwilioCallTracking.Packages.slnf): a .nupkg and a .snupkg
# each, Release, warnings as errors, into FOLDER (default artifacts/packages, emptied first). Extra arguments go to
# `dotnet pack`. Packing the same commit twice gives the same bytes (see Directory.Build.targets).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
shift || true
rm -rf "$out"
mkdir -p "$out"
# Restore on its own: a solution-level restore under -warnaserror would also turn NU1603 (in WarningsNotAsErrors) into an error.
dotnet restore TwilioCallTracking.Packages.slnf --nologo -v quiet
dotnet pack TwilioCallTracking.Packages.slnf --no-restore -c Release -o "$out" -warnaserror --nologo -v quiet "$@"
echo "pack: $(ls "$out" | wc -l) files in $out"
