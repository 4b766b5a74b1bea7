# Shell functions of the benchmark scripts: sourced, not run.

# client_keys DIR [--Setting=value ...]: creates one account per load client (bench_clients of them, bench-client-N)
# with the service's own operator command, built in DIR, against the database the settings name; prints their keys'
# secrets, comma-separated, for the wrk scripts (ORDERS_BENCH_KEYS). Prints nothing for a build without accounts.
bench_clients=${bench_clients:-64}
client_keys() {
  local dir=$1
  shift
  [ -f "$dir/System.CommandLine.dll" ] || return 0
  local keys
  keys=$(seq 1 "$bench_clients" | (cd "$dir" && ASPNETCORE_ENVIRONMENT=Production xargs -P 2 -I{} \
    dotnet Orders.Web.dll accounts create "bench-client-{}" "$@") | grep '^ord_' | paste -sd, -)
  if [ "$(tr ',' '\n' <<<"$keys" | grep -c .)" != "$bench_clients" ]; then echo "the load clients' accounts were not all created" >&2; return 1; fi
  echo "$keys"
}
