#!/usr/bin/env bash
# Runs every test of the solution. The integration tests start a throwaway PostgreSQL server from
# Debian's server binaries; they are installed here when missing (unless ORDERS_TEST_POSTGRES points
# the tests at an existing server).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ORDERS_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL server binaries..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi

dotnet tool restore >/dev/null
dotnet test Orders.sln "$@"
