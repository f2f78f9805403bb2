#!/bin/sh
# Installs what chronolint needs to build and test on Debian 12 (bookworm).
set -eu
pkgs="build-essential cmake pkg-config libxml2-dev libxml2-utils libpcre2-dev libcurl4-openssl-dev libjson-c-dev libcmocka-dev python3 wamerican"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
