#!/usr/bin/env bash
# Installs the Debian packages Switchboard needs to build and test. Idempotent, and silent
# when nothing is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  clang libclang-rt-14-dev clang-format
  libboost1.81-dev libssl-dev libc-ares-dev libsqlite3-dev
  libspdlog-dev libfmt-dev nlohmann-json3-dev libedit-dev libjemalloc-dev libspandsp-dev
  libgtest-dev libbenchmark-dev python3 python3-pytest doxygen sip-tester openssl
)

# Real SIP clients and peers the black-box tests drive (only with --test).
TEST_PACKAGES=(baresip linphone-cli sipvicious sipsak kamailio kamailio-sqlite-modules dnsmasq-base
               python3-panoramisk iproute2 nodejs node-ws)
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=("${TEST_PACKAGES[@]}")
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installing missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
