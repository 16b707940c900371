#!/usr/bin/env bash
# Adds the symbols that a build reports as RS0016 ("not part of the declared public API") to each project's
# PublicAPI.Unshipped.txt, sorted. Review the diff: every line is a promise. Usage: scripts/publicapi-add.sh <project-or-sln>
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build "${1:-TwilioCallTracking.sln}" -c Release 2>&1 | python3 -c '
import re, sys, collections, os
adds = collections.defaultdict(set)
for line in sys.stdin:
    m = re.search(r"error RS0016: Symbol \x27(.*)\x27 is not part of the declared public API.*\[(.*\.csproj)\]", line)
    if m:
        adds[os.path.dirname(m.group(2))].add(m.group(1))
for project, symbols in adds.items():
    path = os.path.join(project, "PublicAPI.Unshipped.txt")
    lines = set(open(path).read().splitlines()) if os.path.exists(path) else set()
    header = [l for l in lines if l.startswith("#")]
    body = sorted((lines - set(header)) | symbols, key=str.lower)
    open(path, "w").write("\n".join(sorted(header) + [l for l in body if l]) + "\n")
    print(f"{path}: +{len(symbols)}")
'
