#!/bin/sh
# validate.sh BINARY RULES DIR
# Checks the SARIF logs chronolint writes for DIR/*.txt (one run over all the
# files), DIR/findings.txt read from standard input and a file with invalid
# UTF-8 (its problems are notifications of the run) with two validators,
# which scripts/install-deps.sh installs into tests/sarif/node_modules at the
# versions package-lock.json pins:
#  - Microsoft's SARIF Multitool, `validate`: the SARIF rules (regions that
#    agree with themselves, valid URIs, rules that results refer to) and
#    GitHub code scanning's ingestion rules. Any error or warning fails.
#    tests/sarif/multitool.xml turns off SARIF2006, which fetches every URI.
#  - ajv-cli with the SARIF 2.1.0 JSON schema that the Multitool's package
#    ships: the Multitool does not report a value outside an enumeration (a
#    level "info", say); it silently skips its rules for such a log.
# Without the validators the test is skipped (exit 77), unless
# CHRONOLINT_REQUIRE_VALIDATOR=1 (as in CI): then it fails.
set -u
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
bin=$(abs "$1") rules=$(abs "$2") dir=$(abs "$3")
here=$(cd "$(dirname "$0")" && pwd)
modules="$here/node_modules"
multitool="$modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
schema="$modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
ajv="$modules/ajv-cli/dist/index.js"

missing=""
[ -x "$multitool" ] || missing="$missing Sarif.Multitool"
[ -f "$schema" ] || missing="$missing sarif-2.1.0.json"
[ -f "$ajv" ] || missing="$missing ajv-cli"
command -v node >/dev/null 2>&1 || missing="$missing node"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
	echo "sarif.validate: not installed:$missing (run scripts/install-deps.sh)"
	if [ "${CHRONOLINT_REQUIRE_VALIDATOR:-0}" = 1 ]; then
		echo "sarif.validate: FAILED: CHRONOLINT_REQUIRE_VALIDATOR=1 and the SARIF validators are missing"
		exit 1
	fi
	exit 77
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# .NET: no ICU needed, no telemetry, and its scratch files in our directory
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$tmp/dotnet" HOME="$tmp"
status=0

# ajv-cli reads data files by their extension
(cd "$dir" && "$bin" --rules "$rules" --format sarif ./*.txt) > "$tmp/run.json"
(cd "$dir" && "$bin" --rules "$rules" --format sarif < findings.txt) > "$tmp/stdin.json"
# input problems (invalid UTF-8, a NUL byte) are notifications of the run
printf 'In 1950 Stalin, then 60, received \377 the \000 delegation.\n' > "$tmp/problems.txt"
(cd "$tmp" && "$bin" --rules "$rules" --format sarif problems.txt) > "$tmp/problems.json" 2> /dev/null
grep -q '"toolExecutionNotifications"' "$tmp/problems.json" ||
	{ echo "sarif.validate: problems: no notification for invalid UTF-8"; status=1; }

for log in run stdin problems; do
	if ! node "$ajv" validate --spec=draft2020 -c ajv-formats --all-errors --errors=text \
		-s "$schema" -d "$tmp/$log.json" > "$tmp/ajv.out" 2>&1; then
		echo "sarif.validate: $log: not valid against the SARIF 2.1.0 schema:"
		cat "$tmp/ajv.out"
		status=1
	fi
	# the Multitool's own exit status is 0 whatever it finds: read its log
	rm -f "$tmp/$log.validation.sarif"
	"$multitool" validate "$tmp/$log.json" --config "$here/multitool.xml" --rule-kind "Sarif;Gh" \
		--output "$tmp/$log.validation.sarif" > "$tmp/multitool.out" 2>&1
	if ! python3 - "$tmp/$log.validation.sarif" <<'EOF'
import json, sys
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        runs = json.load(f)["runs"]
except (OSError, ValueError, KeyError) as e:
    print("no validation log:", e)
    sys.exit(1)
bad = [r for run in runs for r in run.get("results", []) if r.get("level", "warning") in ("error", "warning")]
bad += [n for run in runs for inv in run.get("invocations", [])
        for n in inv.get("toolExecutionNotifications", []) if n.get("level", "warning") == "error"]
sys.exit(1 if bad else 0)
EOF
	then
		echo "sarif.validate: $log: the SARIF Multitool reports problems:"
		cat "$tmp/multitool.out"
		status=1
	fi
done
[ $status = 0 ] && echo "sarif.validate: the logs are valid SARIF 2.1.0 (SARIF Multitool and schema)"
exit $status
