#!/usr/bin/env bash
# Runs every test of the solution and prints one summary line: "N passed, N failed, N skipped".
# Used by README ("run every test") and by CI. Extra arguments go to `dotnet test`.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh || echo "test: could not install PostgreSQL/Chromium; the tests that need them will say so"
results="$(mktemp -d)"
dotnet test TwilioCallTracking.sln -c Release --logger "trx" --results-directory "$results" "$@"
status=$?
python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    if counters is not None:
        passed += int(counters.get("passed", 0)); failed += int(counters.get("failed", 0))
        skipped += int(counters.get("notExecuted", 0))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
