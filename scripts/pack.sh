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
dotnet pack TwilioCallTracking.Packages.slnf -c Release -o "$out" -warnaserror --nologo -v quiet "$@"
echo "pack: $(ls "$out" | wc -l) files in $out"
