#!/usr/bin/env bash
# Runs every test of the solution. The integration tests start a throwaway PostgreSQL server from
# Debian's server binaries, and drive the /ops page in Debian's Chromium; both are installed here when
# missing (unless ORDERS_TEST_POSTGRES points the tests at an existing server, ORDERS_TEST_CHROMIUM at
# another browser). Their SQL Server run is opt-in (ORDERS_TEST_SQLSERVER); the line below says whether
# it happens.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if [ -z "${ORDERS_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ -z "${ORDERS_TEST_CHROMIUM:-}" ] && [ ! -x /usr/lib/chromium/chromium ] && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Without ORDERS_TEST_SQLSERVER the integration test project itself leaves out the tests marked
# Database=SqlServer, whatever --filter is given (see its .csproj). The line is printed after the run,
# beside its summary.
case "${ORDERS_TEST_SQLSERVER:-}" in
  "") sqlserver="no (opt-in: ORDERS_TEST_SQLSERVER=container, or a connection string); its tests were left out" ;;
  container) sqlserver="yes, its tests were included, on a container (Testcontainers.MsSql, on the Docker engine)" ;;
  *) sqlserver="yes, its tests were included, on the server ORDERS_TEST_SQLSERVER names" ;;
esac

dotnet tool restore >/dev/null
status=0
dotnet test Orders.sln "$@" || status=$?
echo "SQL Server integration run: $sqlserver"
exit "$status"
