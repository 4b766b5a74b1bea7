#!/usr/bin/env bash
# Fault runs: the service as production runs it, in separate processes, while they are killed; a few minutes.
#
#   scripts/chaos.sh                  3,000 orders from 48 careful clients on each database
#   scripts/chaos.sh --orders 300     a quick run
#   options: --orders N (3000), --clients N (48)
#
# PostgreSQL: a throwaway cluster (initdb + pg_ctl on a free port, PostgreSQL's default durability), the standalone
# exchange simulator over HTTP (500 ms a call, 30 % failures, 10 % lost replies) and two service instances
# (Release build, default settings) on one database. The clients (bench/Orders.Bench.Chaos) send the orders evenly
# over the load (30 a second, at least 40 s), spread over the instances; each order is one body and one
# Idempotency-Key, sent again unchanged until a final answer. During the load the exchange is down for 30 s (killed,
# then started again), each instance is killed with kill -9 and started again, and PostgreSQL is restarted in
# immediate mode (a crash). SQLite: one instance on a SQLite file, killed with kill -9 at half load and started again.
#
# After each load it waits for the outbox to drain, compares what the clients were told with the database and the
# exchange, and prints one table for both runs. It exits 1 when an order was not accepted, lost or placed twice, a
# key stuck in 409, an instance down at the end (it did not come back, or exited by itself), or an accepted order not
# placed within the bound: Outbox:MaxPendingAge (5 minutes), past which the service reports itself not ready.
# PostgreSQL's server binaries and curl are installed with apt-get when missing. Everything started is stopped at
# the end; the logs, the clients' answers and the table stay in bench/results/chaos-<time>/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/processes.sh" # as_postgres, free_port, track, reap

orders=3000 clients=48
while [ $# -gt 0 ]; do
  case "$1" in
    --orders) orders=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    *) echo "usage: scripts/chaos.sh [--orders N] [--clients N]" >&2; exit 2 ;;
  esac
done
seconds=$((orders / 30 > 40 ? orders / 30 : 40)) # the load's duration: long enough for the faults to fall inside it
bound=300

log() { printf '[chaos %s] %s\n' "$(date +%T)" "$*" >&2; }

# --- prerequisites, build --------------------------------------------------------------------------------
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

results="$root/bench/results/chaos-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
log "building (Release)"
for project in src/Orders.Web tests/Orders.ExchangeSimulator bench/Orders.Bench.Chaos; do
  dotnet build "$root/$project" -c Release -nologo -v q -clp:ErrorsOnly >>"$results/build.log" 2>&1 || { cat "$results/build.log" >&2; exit 1; }
done
web_bin="$root/src/Orders.Web/bin/Release/net10.0"
exchange_dll="$root/tests/Orders.ExchangeSimulator/bin/Release/net10.0/Orders.ExchangeSimulator.dll"
chaos_dll="$root/bench/Orders.Bench.Chaos/bin/Release/net10.0/Orders.Bench.Chaos.dll"

# --- cleanup: every process started, the cluster, the temporary folder ------------------------------------
work=$(mktemp -d -t orders-chaos-XXXXXX)
chmod 755 "$work"
running=""
cleanup() {
  for pid in $running; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in $running; do wait "$pid" 2>/dev/null || true; done
  if [ -f "$work/pg/postmaster.pid" ]; then as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  cp "$work/pg/server.log" "$results/postgres.log" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- processes ---------------------------------------------------------------------------------------------

pg_port=$(free_port)
start_postgres() {
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w start -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1" >/dev/null
}

# The simulator's knobs are in an appsettings file of its own content root, which it reloads when it changes
# (renamed into place, so the reload never reads a half-written file).
exchange_url="http://127.0.0.1:$(free_port)" exchange_pid=""
set_exchange_failure_rate() {
  printf '{ "Exchange": { "FailureRate": %s, "LostReplyRate": 0.1 } }\n' "$1" >"$work/exchange/settings.tmp"
  mv "$work/exchange/settings.tmp" "$work/exchange/appsettings.Production.json"
}
start_exchange() {
  (cd "$work/exchange" && ASPNETCORE_ENVIRONMENT=Production exec dotnet "$exchange_dll" --urls "$exchange_url" --contentRoot "$work/exchange" \
    >>"$results/$run-exchange.log" 2>&1) &
  exchange_pid=$!
  track "$exchange_pid"
  await_up "$exchange_url/placements" "$exchange_pid" || { echo "the exchange simulator did not start" >&2; exit 1; }
}

# Instance I of the run's service listens on instance_ports[I], also after a restart (its clients come back to it).
declare -a instance_pids instance_ports
# Anonymous (the default account): the clients send no key.
start_instance() {
  (cd "$web_bin" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Orders.Web.dll --urls "http://127.0.0.1:${instance_ports[$1]}" \
    --Database:Provider="$provider" --ConnectionStrings:Orders="$connection" --Exchange:Mode=Http --Exchange:BaseUrl="$exchange_url/" \
    --Auth:AllowAnonymous=true >>"$results/$run-instance-$1.log" 2>&1) &
  instance_pids[$1]=$!
  track "${instance_pids[$1]}"
}
instance_up() { kill -0 "${instance_pids[$1]}" 2>/dev/null && curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${instance_ports[$1]}/health/live" 2>/dev/null; }
await_instance() { await_up "http://127.0.0.1:${instance_ports[$1]}/health/live" "${instance_pids[$1]}" || log "$run: instance $1 is not up"; }

# --- the faults ------------------------------------------------------------------------------------------
# share TENTHS: that many tenths of the load's duration, in seconds; sleep_until SECONDS: since the load's start.
share() { echo $((seconds * $1 / 10)); }
sleep_until() { sleep $((load_start + $1 > EPOCHSECONDS ? load_start + $1 - EPOCHSECONDS : 0)); }
fault() {
  log "$run: $1"
  faults+="${faults:+; }$1 at $((EPOCHSECONDS - load_start)) s"
}

kill_instance() {
  kill -KILL "${instance_pids[$1]}" 2>/dev/null || true
  reap "${instance_pids[$1]}"
  fault "instance $1 killed"
  start_instance "$1"
  await_instance "$1"
  fault "instance $1 up again"
}

# The simulator holds its placements in memory only: it first fails every call for 2 s (its reload, and the calls
# already past their failure draw, 500 ms each), so that the placements saved before the kill are all it placed.
exchange_before=""
exchange_down() {
  set_exchange_failure_rate 1
  sleep 2
  exchange_before="$results/$run-exchange-before-kill.json"
  curl -fsS "$exchange_url/placements" >"$exchange_before"
  kill -KILL "$exchange_pid"
  reap "$exchange_pid"
  fault "exchange killed"
}
exchange_up() {
  set_exchange_failure_rate 0.3
  start_exchange
  fault "exchange up again"
}

restart_postgres() {
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null
  fault "PostgreSQL stopped (immediate)"
  start_postgres
  fault "PostgreSQL up again"
}

# Each run's faults as "SECONDS ACTION" lines, in the order of their times.
postgres_faults() {
  printf '%s %s\n' "$(share 1)" exchange_down "$(($(share 1) + 32))" exchange_up "$(share 3)" "kill_instance 0" \
    "$(share 5)" "kill_instance 1" "$(share 7)" restart_postgres | sort -n
}
sqlite_faults() { echo "$(share 5) kill_instance 0"; }

# --- a run -----------------------------------------------------------------------------------------------
declare -A run_faults
passed=true
# run NAME PROVIDER CONNECTION INSTANCES: the load with the run's faults, then the check; the table's column goes to NAME.tsv.
run() {
  run=$1 provider=$2 connection=$3 faults="" exchange_before=""
  local count=$4 urls="" i load_pid status=0 down=0
  mkdir -p "$work/exchange"
  set_exchange_failure_rate 0.3
  start_exchange
  for ((i = 0; i < count; i++)); do
    instance_ports[i]=$(free_port)
    start_instance "$i"
    urls+="${urls:+,}http://127.0.0.1:${instance_ports[i]}/"
  done
  for ((i = 0; i < count; i++)); do await_instance "$i"; done

  log "$run: $orders orders from $clients clients over $seconds s"
  dotnet "$chaos_dll" load --urls "$urls" --orders "$orders" --clients "$clients" --seconds "$seconds" --out "$results/$run-requests.json" \
    >"$results/$run-load.log" 2>&1 &
  load_pid=$!
  track "$load_pid"
  load_start=$EPOCHSECONDS
  while read -r at action; do
    sleep_until "$at"
    $action
  done < <("${run}_faults")
  reap "$load_pid"
  run_faults[$run]=$faults
  log "$run: load done ($(tail -n 1 "$results/$run-load.log")); waiting for the outbox to drain"

  dotnet "$chaos_dll" check --in "$results/$run-requests.json" --provider "$provider" --connection "$connection" \
    --exchange "$exchange_url/" ${exchange_before:+--exchange-before "$exchange_before"} --bound "$bound" \
    >"$results/$run.tsv" 2>"$results/$run-check.log" || status=$?
  if [ "$status" -gt 1 ]; then cat "$results/$run-check.log" >&2; exit 1; fi
  for ((i = 0; i < count; i++)); do instance_up "$i" || down=$((down + 1)); done
  printf 'instances down at the end\t%s\n' "$(if [ $down -gt 0 ]; then echo "**$down**"; else echo 0; fi)" >>"$results/$run.tsv"
  if [ "$status" -ne 0 ] || [ $down -gt 0 ]; then passed=false; fi

  for pid in "${instance_pids[@]:0:count}" "$exchange_pid"; do
    kill -TERM "$pid" 2>/dev/null || true
    reap "$pid"
  done
}

if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; fi
log "starting PostgreSQL ($(basename "$(dirname "$pg_bin")")) on port $pg_port"
as_postgres "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 >"$results/initdb.log" 2>&1
start_postgres
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres orders
run postgres Postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=orders;Maximum Pool Size=8" 2
run sqlite Sqlite "Data Source=$work/orders.db" 1

# --- the table -------------------------------------------------------------------------------------------
{
  echo "### Fault runs: $orders orders from $clients careful clients per database, sent over $seconds s"
  echo
  echo "| measure | PostgreSQL, two instances | SQLite, one instance |"
  echo "|---|---:|---:|"
  paste "$results/postgres.tsv" "$results/sqlite.tsv" | awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $4 }'
  echo
  echo "Faults, seconds after the load's start: PostgreSQL: ${run_faults[postgres]}. SQLite: ${run_faults[sqlite]}."
  echo "Exchange: the simulator over HTTP, 500 ms a call, 30 % failures, 10 % lost replies."
  echo "Machine: $(nproc) cores, $(date -u +%Y-%m-%d); load average after $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$results/table.md"
cat "$results/table.md"
log "logs and table in ${results#"$root/"}"
$passed
