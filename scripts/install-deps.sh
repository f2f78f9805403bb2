#!/bin/sh
# Installs what chronolint needs to build and test on Debian 12 (bookworm),
# clang with its libFuzzer runtime for the fuzz stage included,
# then the SARIF validators of the test suite into tests/sarif/node_modules,
# at the versions tests/sarif/package-lock.json pins.
set -eu
cd "$(dirname "$0")/.."
# valgrind: the memcheck stage of scripts/test.sh; gcovr: scripts/coverage.sh
# time: GNU time, whose %M the resource bounds of tests/xml-safety.sh and bad-input.sh read
pkgs="build-essential cmake pkg-config libxml2-dev libxml2-utils libpcre2-dev libcurl4-openssl-dev libjson-c-dev libcmocka-dev python3 wamerican vim neovim clang libclang-rt-14-dev time valgrind gcovr"
# the validators run on Node.js; one installed otherwise brings its own npm
command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

# The SARIF validators (tests/sarif/validate.sh): Microsoft's SARIF Multitool
# and ajv-cli. Installed again only when the lock file changed. Package
# scripts stay off; the Multitool's only one makes its binary executable.
validators=tests/sarif
stamp=$validators/node_modules/.chronolint-lock
if ! cmp -s "$validators/package-lock.json" "$stamp" 2>/dev/null; then
	(cd "$validators" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
	chmod u+x "$validators/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
	cp "$validators/package-lock.json" "$stamp"
fi
