#!/usr/bin/env bash
# The capacity benchmark of POST /orders (the write path), of the outbox dispatcher and of the execution reports' intake; README "Performance".
#
#   bench/run.sh           the full run, about 9 minutes and the execution-report step (a few more): prints the tables and checks the targets
#   bench/run.sh --smoke   every step with tiny durations, on the Debug build (CI): checks only that it runs and reports,
#                          and that the execution reports (few) are all applied, none twice
#
# It builds Release, starts a throwaway PostgreSQL (initdb + pg_ctl in a temporary folder, on a free port,
# with the tests' settings: fsync off, so this measures the service's own cost rather than the disk), runs the
# service (the simulated exchange, 500 ms a call) and a plain-Npgsql baseline (bench/Orders.Bench.Baseline)
# side by side, drives POST /orders with wrk at fixed concurrencies, one server's row then the other's, then
# does the same on SQLite,
# at higher exchange failure rates, pushes signed execution reports to both (PostgreSQL) and watches them
# applied, and measures the dispatcher from the database; a dotnet-trace of each
# write path says how many bytes a POST allocates and in which library. PostgreSQL's server
# binaries, wrk and sqlite3 are installed with apt-get when missing. Everything started is stopped and removed at the
# end; the logs and the table stay in bench/results/<time>/.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
source "$root/scripts/processes.sh" # as_postgres, free_port, track, reap
source "$bench/clients.sh"          # client_keys

mode=full
case "${1:-}" in
  "") ;;
  --smoke) mode=smoke ;;
  *) echo "usage: bench/run.sh [--smoke]" >&2; exit 2 ;;
esac

configuration=Release
if [ "$mode" = full ]; then
  duration=8           # seconds per measured wrk run
  # Seconds of load before the service's first measured run. Tiered compilation (tier 0, instrumented,
  # tier 1) of the service's code keeps the JIT busy for about a minute under full load on 2 cores
  # (dotnet-counters: 2-4 s of JIT time per 5 s until ~55 s, then near zero); measured sooner, the table
  # shows the JIT's cost, not the service's.
  warmup=60
  baseline_warmup=10   # the baseline has far less code to compile
  failure_warmup=5     # after a switch of the failure rate, on the instance already warmed
  concurrency="1 16 64"
  # Alternating service/baseline pairs at the highest concurrency on PostgreSQL, the target's row: one pair's
  # ratio moves by 10 points and more with the machine's load (runs 12 to 15: 57 to 72 %), the median of three less.
  target_pairs=3
  failure_rates="0.1 0.5 1.0"
  backlog=10000        # pending orders for the dispatcher
  backlog_seconds=15   # how long the dispatcher is watched working them off
  steady_rate=100      # orders a second for the 201-to-placed latency
  steady_seconds=20    # measured, after 5 s of the same load that are not counted
  soak_seconds=60      # the memory run
  steady_warmup=5
  allocation_seconds=5 # traced for the allocations per POST
  report_orders=10000  # orders filled by signed execution reports, 5 fills each, 10 % of them sent twice
  report_timeout=300   # seconds allowed for the placement of those orders, and for their fills to be applied
else
  # Debug: CI has just built it for the tests, and the smoke judges only that every step runs and reports.
  configuration=Debug
  duration=1 warmup=2 baseline_warmup=1 failure_warmup=1 concurrency="1 16" target_pairs=2 failure_rates="0.1" backlog=200 backlog_seconds=2 steady_rate=100 steady_seconds=2 soak_seconds=3 steady_warmup=1 allocation_seconds=3
  report_orders=200 report_timeout=120
  bench_clients=4
fi
exchange_latency=00:00:00.5

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

# --- prerequisites -------------------------------------------------------------------------------------
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
(cd "$root" && dotnet tool restore >/dev/null) # dotnet-trace, for the allocations per POST

results="$bench/results/$(date +%Y%m%d-%H%M%S)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$results"
work=$(mktemp -d -t orders-bench-XXXXXX)
chmod 755 "$work"

# --- cleanup: every process this script started, the cluster, the temporary folder ----------------------
running=""
pg_started=false
cleanup() {
  for pid in $running; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $running; do wait "$pid" 2>/dev/null || true; done
  if $pg_started; then as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  cp "$work/pg/server.log" "$results/postgres.log" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build ---------------------------------------------------------------------------------------------
log "building ($configuration)"
# bench/Orders.Bench.sln: the service, the baseline and the load driver (kept out of Orders.sln and its tests).
dotnet build "$bench/Orders.Bench.sln" -c "$configuration" -nologo -v q -clp:ErrorsOnly >"$results/build.log" 2>&1 \
  || { cat "$results/build.log" >&2; exit 1; }
web_bin="$root/src/Orders.Web/bin/$configuration/net10.0"
baseline_bin="$root/bench/Orders.Bench.Baseline/bin/$configuration/net10.0"
load_dll="$root/bench/Orders.Bench.Load/bin/$configuration/net10.0/Orders.Bench.Load.dll"
allocations_dll="$root/bench/Orders.Bench.Allocations/bin/$configuration/net10.0/Orders.Bench.Allocations.dll"
reports_dll="$root/bench/Orders.Bench.Reports/bin/$configuration/net10.0/Orders.Bench.Reports.dll"

# --- PostgreSQL ------------------------------------------------------------------------------------------
pg_port=$(free_port)
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; fi
log "starting PostgreSQL ($(basename "$(dirname "$pg_bin")")) on port $pg_port"
as_postgres "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --no-sync >"$results/initdb.log" 2>&1
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w start \
  -o "-p $pg_port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1 -c max_connections=300" \
  >/dev/null
pg_started=true
sql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$1" -v ON_ERROR_STOP=1 -qAt -c "$2"; }
# The same bounded pool for the service and the baseline: with Npgsql's default of 100, 64 busy
# backends fight wrk and the server for the 2 cores, and both lose a third of their throughput.
pg_connection() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$1;Maximum Pool Size=8"; }
sqlite_connection() { echo "Data Source=$work/$1.db"; }

# --- processes -----------------------------------------------------------------------------------------
# server_keys: the load clients' keys for the current server (none for the baseline, which has no accounts).
server_pid="" server_url="" server_keys=""

# start_server NAME DIR DLL ARGS...: starts a server on a free port and waits until it answers.
start_server() {
  local name=$1 dir=$2 dll=$3 port
  shift 3
  port=$(free_port)
  (cd "$dir" && ASPNETCORE_ENVIRONMENT=Production exec dotnet "$dll" --urls "http://127.0.0.1:$port" "$@" >"$results/$name.log" 2>&1) &
  server_pid=$! server_url="http://127.0.0.1:$port" server_keys=""
  track "$server_pid"
  await_up "$server_url/health/live" "$server_pid" && return
  tail -n 30 "$results/$name.log" >&2
  echo "$name did not start" >&2
  exit 1
}

stop_server() {
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$server_pid" 2>/dev/null || true
  reap "$server_pid"
}

# The service and the baseline run side by side and their rows alternate, so both see the machine as it is
# at that minute (its speed drifts by more than the difference being measured). keep_server NAME remembers the
# server just started; use_server NAME makes it the current one.
declare -A server_pids server_urls server_keyring
keep_server() { server_pids[$1]=$server_pid server_urls[$1]=$server_url server_keyring[$1]=$server_keys; }
use_server() { server_pid=${server_pids[$1]} server_url=${server_urls[$1]} server_keys=${server_keyring[$1]}; }

# settle_outbox PROVIDER DATABASE: takes the service's unplaced orders off its outbox (claimed ones finish), so
# its dispatcher is idle, not placing a backlog on the CPU the next measurement needs.
settle_outbox() {
  local settle="UPDATE outbox_messages SET processed_at = next_attempt_at WHERE processed_at IS NULL AND lock_token IS NULL"
  if [ "$1" = Postgres ]; then sql "$2" "$settle" >/dev/null; else sqlite3 -cmd ".timeout 10000" "$work/$2.db" "$settle"; fi
  sleep 1
}

# set_failure_rate RATE: the running service's simulated exchange fails this share of calls from now on. The
# rate lives in an appsettings file of the service's own content root, which the service reloads when it
# changes (renamed into place, so the reload never reads a half-written file).
service_root=""
set_failure_rate() {
  printf '{ "Exchange": { "FailureRate": %s } }\n' "$1" >"$service_root/settings.tmp"
  mv "$service_root/settings.tmp" "$service_root/appsettings.Production.json"
}

# start_service NAME PROVIDER DATABASE [--Setting=value ...]: the service, simulated exchange at 500 ms, healthy,
# anonymous access off: wrk's load clients send their accounts' keys (made in the template database).
declare -A provider_keys
start_service() {
  local name=$1 provider=$2 database=$3 connection
  shift 3
  if [ "$provider" = Postgres ]; then connection=$(pg_connection "$database"); else connection=$(sqlite_connection "$database"); fi
  service_root="$work/root-$name"
  mkdir -p "$service_root"
  cp "$web_bin/appsettings.json" "$service_root/"
  set_failure_rate 0
  start_server "$name" "$web_bin" Orders.Web.dll --contentRoot "$service_root" --Database:Provider="$provider" \
    --ConnectionStrings:Orders="$connection" --Exchange:Mode=Simulated --Exchange:Latency="$exchange_latency" "$@"
  server_keys=${provider_keys[$provider]:-}
}

# start_baseline NAME PROVIDER DATABASE [--Setting=value ...]
start_baseline() {
  local name=$1 provider=$2 database=$3 connection
  shift 3
  if [ "$provider" = Postgres ]; then connection=$(pg_connection "$database"); else connection=$(sqlite_connection "$database"); fi
  start_server "$name" "$baseline_bin" Orders.Bench.Baseline.dll --Baseline:Provider="$provider" --Baseline:ConnectionString="$connection" "$@"
}

# new_database PROVIDER NAME: a copy of the schema the service's migrations made.
new_database() {
  if [ "$1" = Postgres ]; then
    sql postgres "CREATE DATABASE $2 TEMPLATE orders_template"
  else
    for file in "$work"/orders_template.db*; do cp "$file" "$work/$2${file#"$work/orders_template"}"; done
  fi
}

peak_mib() { awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
rss_mib() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
# ratio SERVICE_LINE BASELINE_LINE: the first's requests/s as a percentage of the second's ("-" without a baseline).
ratio() { awk -v s="$(field rps "$1")" -v b="$(field rps "$2")" 'BEGIN { if (b > 0) printf "%.0f", s / b * 100; else printf "-" }'; }

# wrk_post CONCURRENCY SECONDS [SCRIPT]: one wrk run against the current server (post-order.lua unless a script
# is named); prints its WRK line.
wrk_post() {
  local threads=2
  if [ "$1" -lt 2 ]; then threads=1; fi
  ORDERS_BENCH_KEYS="$server_keys" wrk -t"$threads" -c"$1" -d"$2"s --timeout 10s -s "$bench/${3:-post-order.lua}" "$server_url" | grep '^WRK '
}

declare -A result
# measure KEY CONCURRENCY [SCRIPT]: a wrk run, kept with the server's peak memory so far.
measure() {
  local line
  line=$(wrk_post "$2" "$duration" "${3:-}")
  result[$1]="$line peak_mib=$(peak_mib "$server_pid")"
  log "$1: $(cut -d' ' -f2- <<<"${result[$1]}")"
}

# keep_median_pair PROVIDER CONCURRENCY PAIRS: the pair whose ratio (service of baseline) is the median becomes the
# row of the table; every pair's ratio, in the order measured, is kept for the line under it.
declare -A pair_ratios
keep_median_pair() {
  local provider=$1 c=$2 pairs=$3 pair ratios="" median
  for pair in $(seq 1 "$pairs"); do
    ratios+="$pair $(ratio "${result[$provider/service/$c/$pair]}" "${result[$provider/baseline/$c/$pair]}")"$'\n'
  done
  median=$(sort -k2 -n <<<"${ratios%$'\n'}" | sed -n "$(((pairs + 1) / 2))p" | cut -d' ' -f1)
  result[$provider/service/$c]=${result[$provider/service/$c/$median]}
  result[$provider/baseline/$c]=${result[$provider/baseline/$c/$median]}
  pair_ratios[$provider/$c]=$(awk '{ printf "%s%s %%", (NR > 1 ? ", " : ""), $2 }' <<<"${ratios%$'\n'}")
}

# profile_allocations NAME: the bytes the current server allocates per POST at concurrency 16, and which library
# allocates them, from a trace of the runtime's allocation samples and ASP.NET Core's request events; a table row.
declare -A allocations
profile_allocations() {
  local trace="$results/allocations-$1.nettrace" wrk_pid
  # Load until the trace is done, however long dotnet-trace takes to attach on a busy machine (wrk itself, so that
  # killing it ends the load).
  ORDERS_BENCH_KEYS="$server_keys" wrk -t2 -c16 -d$((allocation_seconds + 120))s --timeout 10s -s "$bench/post-order.lua" "$server_url" >/dev/null &
  wrk_pid=$!
  track "$wrk_pid"
  sleep 1
  (cd "$root" && dotnet tool run dotnet-trace collect -p "$server_pid" -o "$trace" \
    --providers "Microsoft-Windows-DotNETRuntime:0x1:5,Microsoft.AspNetCore.Hosting:0:4" \
    --duration "00:00:00:$(printf '%02d' "$allocation_seconds")") >"$results/allocations-$1.log" 2>&1
  kill "$wrk_pid" 2>/dev/null || true
  reap "$wrk_pid"
  allocations[$1]=$(dotnet "$allocations_dll" "$trace" 2>>"$results/allocations-$1.log" | sed "s/{target}/$1/") || true
  log "allocations, $1: ${allocations[$1]:-none (see allocations-$1.log)}"
}

# --- the schema: the service's own migrations, once per provider, and the load clients' accounts ----------
# One account per wrk connection, with its key (bench/clients.sh), made by the service's own operator command in the
# template, so every database copied from it has them.
sql postgres "CREATE DATABASE orders_template"
for provider in Postgres Sqlite; do
  start_service "migrate-$provider" "$provider" orders_template --Outbox:Dispatch=false
  stop_server
  if [ "$provider" = Postgres ]; then connection=$(pg_connection orders_template); else connection=$(sqlite_connection orders_template); fi
  provider_keys[$provider]=$(client_keys "$web_bin" --Database:Provider="$provider" --ConnectionStrings:Orders="$connection")
  log "$provider: $bench_clients load clients, an account and a key each"
done

# --- POST latency while the exchange fails: PostgreSQL, concurrency 16 ----------------------------------
# On the PostgreSQL service instance, warmed and measured healthy just before: the exchange's failure rate is
# switched while it runs, and switched back to healthy for a last row: a change that stays when the exchange
# is healthy again is the machine's, not the exchange's. The 10 % one (the README's exchange) then carries
# the memory run: concurrency 64, RSS sampled 60 times; the first third of the samples is warm-up, the rest is
# judged by its trend.
declare -A failed_rows
measure_failures() {
  local rate
  for rate in $failure_rates 0; do
    set_failure_rate "$rate"
    wrk_post 16 "$failure_warmup" >/dev/null
    measure "failure/$rate" 16
    failed_rows[$rate]=$(sql service_writes "SELECT count(*) FROM outbox_messages WHERE last_error IS NOT NULL")
    if [ "$rate" = 0.1 ]; then
      wrk_post 64 "$soak_seconds" >"$results/soak.wrk" &
      wrk_pid=$!
      track "$wrk_pid"
      samples=()
      interval=$(awk -v s="$soak_seconds" 'BEGIN { printf "%.2f", s / 60 }')
      for _ in $(seq 1 60); do
        sleep "$interval"
        samples+=("$(rss_mib "$server_pid")")
      done
      reap "$wrk_pid"
      soak_line=$(cat "$results/soak.wrk")
      soak_peak=$(peak_mib "$server_pid")
    fi
  done
}

# --- the write path: the service, then the baseline, per database ---------------------------------------
for provider in Postgres Sqlite; do
  new_database "$provider" service_writes
  start_service "service-$provider" "$provider" service_writes
  keep_server service
  new_database "$provider" baseline_writes
  start_baseline "baseline-$provider" "$provider" baseline_writes
  keep_server baseline

  use_server service
  wrk_post 64 "$warmup" >/dev/null
  settle_outbox "$provider" service_writes
  use_server baseline
  wrk_post 64 "$baseline_warmup" >/dev/null
  for c in $concurrency; do
    pairs=1
    if [ "$provider" = Postgres ] && [ "$c" = "${concurrency##* }" ]; then pairs=$target_pairs; fi
    for pair in $(seq 1 "$pairs"); do
      use_server service
      measure "$provider/service/$c/$pair" "$c"
      settle_outbox "$provider" service_writes
      use_server baseline
      measure "$provider/baseline/$c/$pair" "$c"
    done
    keep_median_pair "$provider" "$c" "$pairs"
  done
  # A careful client's POST at the highest concurrency: a new Idempotency-Key on every request. The baseline gets the
  # same requests (it ignores the key), so wrk's cost of building each one falls on both rows.
  c=${concurrency##* }
  use_server service
  measure "$provider/service-keyed/$c" "$c" post-order-idempotent.lua
  settle_outbox "$provider" service_writes
  use_server baseline
  measure "$provider/baseline-keyed/$c" "$c" post-order-idempotent.lua
  if [ "$provider" = Postgres ]; then profile_allocations baseline; fi
  stop_server

  use_server service
  if [ "$provider" = Postgres ]; then
    profile_allocations service
    measure_failures
  fi
  stop_server
done
printf '%s\n' "${samples[@]}" >"$results/soak-rss-mib.txt"
# Flat: over the last two thirds, the least-squares line through the samples moves less than 5 % of their
# mean per minute (the GC's sawtooth goes up and down; a leak goes one way).
read -r soak_min soak_mean soak_max soak_trend < <(awk -v interval="$interval" '
  NR > 20 { n++; x = NR * interval; y = $1; sx += x; sy += y; sxx += x * x; sxy += x * y
            if (min == "" || y < min) min = y; if (y > max) max = y }
  END { slope = (n * sxy - sx * sy) / (n * sxx - sx * sx); mean = sy / n
        printf "%d %.0f %d %.1f\n", min, mean, max, slope * 60 / mean * 100 }' "$results/soak-rss-mib.txt")

# --- execution reports: signed fills pushed to POST /exchange/executions, PostgreSQL ------------------------
# bench/Orders.Bench.Reports, against the service and then the baseline, each on a fresh database: the orders
# through POST /orders (buy limits far below the simulated price: they rest, and only the pushed reports fill
# them), then 5 fills per order (quantities summing to the order's, one session, increasing sequences), 10 % of
# the reports sent a second time, signed, from 32 concurrent senders, while the database is read every 100 ms
# until every order is filled. The service places the orders first (its exchange answering at once, so this
# takes seconds), since a report must name the exchange order the service holds; its reconcile job is kept
# out of the way, since the simulated exchange knows nothing of these fills.
webhook_secret="whsec_$(head -c 32 /dev/urandom | base64 -w 0)"
declare -A reports
for target in service baseline; do
  new_database Postgres "reports_$target"
  if [ "$target" = service ]; then
    # Anonymous access on: the orders posted here only set up the reports, which are measured (the webhook needs no key).
    start_service reports-service Postgres reports_service --Auth:AllowAnonymous=true --Exchange:Latency=00:00:00 --Exchange:WebhookSecret="$webhook_secret" \
      --Executions:ReconcileInterval=01:00:00
  else
    start_baseline reports-baseline Postgres reports_baseline --Baseline:WebhookSecret="$webhook_secret"
  fi
  line=$(dotnet "$reports_dll" --url "$server_url" --database "$(pg_connection "reports_$target")" --secret "$webhook_secret" \
    --orders "$report_orders" --concurrency 32 --await-placement "$([ "$target" = service ] && echo true || echo false)" \
    --timeout "$report_timeout" 2>"$results/reports-$target.log") || true
  reports[$target]="$line peak_mib=$(peak_mib "$server_pid")"
  log "reports, $target: $(cut -d' ' -f2- <<<"${reports[$target]}")"
  stop_server
done
reports_ratio=$(ratio "${reports[service]}" "${reports[baseline]}")
# reports_exact LINE: 1 when every push was accepted, every order is filled to exactly its quantity, none over it,
# and the executions stored are as many as the distinct reports (none applied twice).
reports_exact() {
  local line=$1
  awk -v o="$(field orders "$line")" -v f="$(field filled "$line")" -v v="$(field over "$line")" -v e="$(field executions "$line")" \
    -v r="$(field reports "$line")" -v x="$(field errors "$line")" 'BEGIN { print (o != "" && f == o && v == 0 && e == r && x == 0) }'
}

# --- the dispatcher: a backlog of pending orders, then a steady rate, on one dispatching instance ---------
# The backlog: one order through POST /orders, then copies of its three rows (new ids) in one SQL
# transaction, so the rows are exactly what the service writes and the fill takes a second, not a minute.
new_database Postgres dispatcher
# Anonymous access on: this step measures placements, not the POSTs that make them.
start_service "dispatcher" Postgres dispatcher --Auth:AllowAnonymous=true
source_id=$(curl -fsS -X POST "$server_url/orders" -H 'Content-Type: application/json' \
  -d '{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":150.25,"quantity":10}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
sql dispatcher "
  BEGIN;
  CREATE TEMP TABLE backlog AS SELECT gen_random_uuid() AS id, clock_timestamp() AS at FROM generate_series(1, $backlog);
  INSERT INTO orders (id, created_at, type, side, instrument, limit_price, quantity, status)
    SELECT b.id, b.at, o.type, o.side, o.instrument, o.limit_price, o.quantity, s.status
    FROM backlog b, orders o JOIN order_status_changes s ON s.order_id = o.id WHERE o.id = '$source_id' AND s.id = (SELECT min(id) FROM order_status_changes WHERE order_id = o.id);
  INSERT INTO order_status_changes (order_id, status, changed_at)
    SELECT b.id, s.status, b.at FROM backlog b, order_status_changes s WHERE s.id = (SELECT min(id) FROM order_status_changes WHERE order_id = '$source_id');
  INSERT INTO outbox_messages (id, type, payload, ordering_key, occurred_at, attempts, next_attempt_at)
    SELECT gen_random_uuid(), m.type, replace(m.payload, '$source_id', b.id::text), replace(m.ordering_key, '$source_id', b.id::text), b.at, 0, b.at
    FROM backlog b, outbox_messages m WHERE m.payload LIKE '%$source_id%';
  COMMIT;"
log "backlog: $(sql dispatcher "SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL") pending orders"
sleep "$backlog_seconds"
placed_backlog() { sql dispatcher "SELECT count(*) FROM orders WHERE status = 'Placed' AND id <> '$source_id'"; }
if [ "$mode" = smoke ]; then
  # The smoke checks that the step reports, not how fast: on a busy machine the first placement may come later.
  for _ in $(seq 60); do [ "$(placed_backlog)" -gt 0 ] && break; sleep 1; done
fi
IFS='|' read -r dispatch_placed dispatch_seconds dispatch_rate < <(sql dispatcher "
  SELECT count(*), round(extract(epoch FROM max(placed_at) - min(placed_at))::numeric, 2),
         round((count(*) / greatest(extract(epoch FROM max(placed_at) - min(placed_at)), 0.001))::numeric, 1)
  FROM orders WHERE status = 'Placed' AND id <> '$source_id'")
log "dispatcher: $dispatch_placed of $backlog placed in ${dispatch_seconds} s: $dispatch_rate placements/s"
# What is left of the backlog is taken off the outbox, so the next step starts idle.
settle_outbox Postgres dispatcher

# 201 to placed at a steady rate, on the same (now idle) instance; the first seconds are not counted.
steady_from=$(sql dispatcher "SELECT clock_timestamp() + interval '$steady_warmup seconds'")
steady_load=$(dotnet "$load_dll" --url "$server_url" --rate "$steady_rate" --seconds $((steady_seconds + steady_warmup)) || true)
deadline=$((SECONDS + 15))
while [ "$(sql dispatcher "SELECT count(*) FROM orders WHERE status <> 'Placed' AND created_at >= '$steady_from'")" -gt 0 ] && [ $SECONDS -lt $deadline ]; do
  sleep 0.5
done
dispatch_peak=$(peak_mib "$server_pid")
stop_server
IFS='|' read -r steady_placed steady_total steady_p50 steady_p99 < <(sql dispatcher "
  SELECT count(placed_at), count(*),
         round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM placed_at - created_at)) * 1000)::numeric),
         round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM placed_at - created_at)) * 1000)::numeric)
  FROM orders WHERE created_at >= '$steady_from'")
log "steady: $(cut -d' ' -f2- <<<"$steady_load"); placed $steady_placed of $steady_total, 201 to placed p50 $steady_p50 ms, p99 $steady_p99 ms"

# --- the report ----------------------------------------------------------------------------------------
ms() { field "${2}_ms" "${result[$1]}"; }
met() { if [ "$1" = 1 ]; then echo met; else echo "**missed**"; fi; }
{
  echo "### Write path: POST /orders (wrk, ${duration} s per row)"
  echo
  echo "| database | target | concurrency | requests/s | of baseline | p50 ms | p95 ms | p99 ms | errors | peak RSS MiB |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for provider in Postgres Sqlite; do
    for target in service baseline service-keyed baseline-keyed; do
      for c in $concurrency; do
        key="$provider/$target/$c" line=${result[$provider/$target/$c]:-}
        if [ -z "$line" ]; then continue; fi
        share=$(ratio "$line" "${result[$provider/${target/service/baseline}/$c]}")
        if [ "$share" != - ]; then share+=" %"; fi
        case $target in
          service-keyed) label="service, an Idempotency-Key on every POST" ;;
          baseline-keyed) label="baseline (ignores the key), the same requests" ;;
          *) label=$target ;;
        esac
        printf '| %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %s |\n' "$provider" "$label" "$c" \
          "$(field rps "$line")" "$share" "$(ms "$key" p50)" "$(ms "$key" p95)" "$(ms "$key" p99)" "$(field errors "$line")" "$(field peak_mib "$line")"
      done
    done
  done
  for key in "${!pair_ratios[@]}"; do
    if [[ ${pair_ratios[$key]} == *,* ]]; then
      echo
      echo "${key%/*}, concurrency ${key#*/}: the service's requests/s of the baseline's in each of the alternating pairs, in order: ${pair_ratios[$key]}; the row above is the median pair."
    fi
  done
  echo
  echo "### Allocations per POST (PostgreSQL, concurrency 16, ${allocation_seconds} s traced after the write-path rows; share of the bytes by the innermost library allocating them)"
  echo
  dotnet "$allocations_dll" --header
  echo "${allocations[service]:-| service | no trace |}"
  echo "${allocations[baseline]:-| baseline | no trace |}"
  echo
  echo "### POST /orders while the exchange fails (PostgreSQL, concurrency 16, the write path's instance, each rate switched on while it runs and warmed ${failure_warmup} s, then healthy again)"
  echo
  echo "| exchange failure rate | requests/s | p50 ms | p95 ms | p99 ms | errors | outbox rows whose last attempt failed, after the row |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  for rate in write-path $failure_rates 0; do
    case $rate in
      write-path) key=Postgres/service/16 label="0 (the write-path row)" ;;
      0) key=failure/0 label="0 again, after the last rate" ;;
      *) key=failure/$rate label=$rate ;;
    esac
    line=${result[$key]}
    printf '| %s | %.0f | %s | %s | %s | %s | %s |\n' "$label" "$(field rps "$line")" "$(ms "$key" p50)" "$(ms "$key" p95)" "$(ms "$key" p99)" "$(field errors "$line")" "${failed_rows[$rate]:-}"
  done
  echo
  echo "### Execution reports: POST /exchange/executions (PostgreSQL; $report_orders resting orders, 5 fills each, 10 % of the reports sent twice, signed, concurrency 32; database read every 100 ms)"
  echo
  echo "| target | reports/s accepted | of baseline | accepted of sent | errors | all applied after s | lag p50 ms | lag p99 ms | orders filled exactly | orders over quantity | executions stored, of distinct reports | peak RSS MiB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for target in service baseline; do
    line=${reports[$target]}
    share=$(ratio "$line" "${reports[baseline]}")
    if [ "$share" != - ]; then share+=" %"; fi
    printf '| %s | %s | %s | %s of %s | %s | %s | %s | %s | %s of %s | %s | %s of %s | %s |\n' "$target" "$(field rps "$line")" "$share" \
      "$(field accepted "$line")" "$(field sent "$line")" "$(field errors "$line")" "$(field applied_s "$line")" "$(field lag_p50_ms "$line")" \
      "$(field lag_p99_ms "$line")" "$(field filled "$line")" "$(field orders "$line")" "$(field over "$line")" "$(field executions "$line")" \
      "$(field reports "$line")" "$(field peak_mib "$line")"
  done
  echo
  echo "### Dispatcher (PostgreSQL, one instance, exchange 500 ms a call, no failures)"
  echo
  echo "| measure | value |"
  echo "|---|---:|"
  echo "| backlog of $backlog pending orders: placed in the first ${backlog_seconds} s | $dispatch_placed, first to last in $dispatch_seconds s |"
  echo "| placements/s | $dispatch_rate |"
  echo "| steady load: orders/s sent, 201s | $(field rate "$steady_load"), $(field created "$steady_load") of $(field sent "$steady_load") |"
  echo "| steady load: POST p50 / p99 ms | $(field p50_ms "$steady_load") / $(field p99_ms "$steady_load") |"
  echo "| steady load, last $steady_seconds s: placed | $steady_placed of $steady_total |"
  echo "| 201 to placed, p50 ms | $steady_p50 |"
  echo "| 201 to placed, p99 ms | $steady_p99 |"
  echo "| peak RSS MiB | $dispatch_peak |"
  echo
  echo "### Memory over ${soak_seconds} s (PostgreSQL, concurrency 64, exchange failing 10 % of calls, after the row above)"
  echo
  echo "| RSS MiB, last two thirds (every $interval s): min / mean / max | trend | peak RSS MiB | requests/s | p99 ms | errors |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '| %s / %s / %s | %s %% a minute | %s | %.0f | %s | %s |\n' "$soak_min" "$soak_mean" "$soak_max" "$soak_trend" "$soak_peak" \
    "$(field rps "$soak_line")" "$(field p99_ms "$soak_line")" "$(field errors "$soak_line")"
  echo
  if [ "$mode" = full ]; then
    pg64=${result[Postgres/service/64]} base64=${result[Postgres/baseline/64]} dead=${result[failure/1.0]:-}
    ratio64=$(ratio "$pg64" "$base64")
    errors64=0
    for pair in $(seq 1 "$target_pairs"); do errors64=$((errors64 + $(field errors "${result[Postgres/service/64/$pair]}"))); done
    echo "### Targets"
    echo
    echo "| target | measured | |"
    echo "|---|---|---|"
    echo "| service ≥ 70 % of the baseline's requests/s at concurrency 64 on PostgreSQL, zero errors | $ratio64 % (the median of $target_pairs pairs: ${pair_ratios[Postgres/64]}), $errors64 errors | $(met "$(awk -v r="$ratio64" -v e="$errors64" 'BEGIN { print (r >= 70 && e == 0) }')") |"
    echo "| p99 POST latency at concurrency 16 on PostgreSQL < 25 ms, exchange healthy | $(ms Postgres/service/16 p99) ms | $(met "$(awk -v p="$(ms Postgres/service/16 p99)" 'BEGIN { print (p < 25) }')") |"
    echo "| … exchange dead (every call fails) | $(field p99_ms "$dead") ms | $(met "$(awk -v p="$(field p99_ms "$dead")" 'BEGIN { print (p != "" && p < 25) }')") |"
    echo "| dispatcher ≥ 100 placements/s per instance against a 500 ms exchange | $dispatch_rate/s | $(met "$(awk -v r="$dispatch_rate" 'BEGIN { print (r >= 100) }')") |"
    echo "| 201 to placed p50 < 700 ms at $steady_rate orders/s | $steady_p50 ms | $(met "$(awk -v p="$steady_p50" 'BEGIN { print (p < 700) }')") |"
    echo "| memory flat over ${soak_seconds} s (RSS trend over the last two thirds under 5 % a minute) | ${soak_trend} % a minute | $(met "$(awk -v g="$soak_trend" 'BEGIN { print (g < 5) }')") |"
    echo "| execution reports: service ≥ 50 % of the baseline's accepted reports/s, all applied, none twice | $reports_ratio %; filled exactly $(field filled "${reports[service]}") of $(field orders "${reports[service]}") orders, $(field over "${reports[service]}") over, $(field executions "${reports[service]}") executions of $(field reports "${reports[service]}") reports | $(met "$(awk -v r="$reports_ratio" -v x="$(reports_exact "${reports[service]}")" 'BEGIN { print (r >= 50 && x == 1) }')") |"
    echo
  fi
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $(date -u +%Y-%m-%d); $mode run; load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$results/table.md"

cat "$results/table.md"
log "logs and table in ${results#"$root/"}"

# The smoke checks that every step ran and reported.
if [ "$mode" = smoke ]; then
  # A cold Debug server may finish nothing in one second at one concurrency; each must finish something overall.
  for key in "${!result[@]}"; do
    [ -n "$(field requests "${result[$key]}")" ] || { echo "smoke: $key reported nothing" >&2; exit 1; }
  done
  for prefix in Postgres/service Postgres/baseline Sqlite/service Sqlite/baseline failure; do
    total=0
    for key in "${!result[@]}"; do
      if [[ $key == "$prefix"/* ]]; then total=$((total + $(field requests "${result[$key]}"))); fi
    done
    [ "$total" -gt 0 ] || { echo "smoke: no request completed for $prefix" >&2; exit 1; }
  done
  for key in "${!result[@]}"; do
    [ "$(field errors "${result[$key]}")" = 0 ] || { echo "smoke: $key answered with errors (see its log)" >&2; exit 1; }
  done
  [ -n "${allocations[service]:-}" ] && [ -n "${allocations[baseline]:-}" ] || { echo "smoke: the allocation profile reported nothing" >&2; exit 1; }
  [ "$dispatch_placed" -gt 0 ] && [ "$steady_placed" -gt 0 ] && [ ${#samples[@]} -eq 60 ] || { echo "smoke: the dispatcher or memory steps reported nothing" >&2; exit 1; }
  for target in service baseline; do
    [ "$(reports_exact "${reports[$target]}")" = 1 ] || { echo "smoke: execution reports, $target: not every report accepted and applied exactly once (see reports-$target.log)" >&2; exit 1; }
  done
  echo "bench smoke: every step ran and reported"
fi
