#!/bin/sh
# One command on a fresh Debian 12 machine: install the dependencies, build, and
# check the bundled sample (which has mistakes in it, so chronolint exits 1).
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
echo "--- chronolint samples/sample.md"
./build/chronolint --summary samples/sample.md || true
