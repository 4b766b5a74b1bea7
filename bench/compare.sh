#!/usr/bin/env bash
# Builds side by side: how much a change costs POST /orders, measured the way the target's row is (PostgreSQL,
# concurrency 64, of the plain-Npgsql baseline), but with every build running at once and their rows alternating
# with the baseline's round by round, so the machine's drift falls on all of them (bench/RESULTS.md, "How it
# measures"). About 6 minutes for two builds with the defaults.
#
#   bench/compare.sh BEFORE [AFTER ...] [--rounds N] [--seconds S]
#
# Each revision is built (Release) in a temporary worktree; AFTER defaults to HEAD. A revision may carry settings
# of its own after commas, to cost a setting rather than a commit: `--Name=value` goes to the service's command line,
# `NAME=value` to its environment, e.g. HEAD,--Serilog:MinimumLevel:Default=Warning or
# HEAD,DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1. A build with accounts is loaded with a key per client (bench/clients.sh)
# unless its settings say --Auth:AllowAnonymous=true, which measures it anonymous. Every round runs one wrk row
# per server, in a rotating order; the table gives each build's share of the baseline per round, their medians, and
# the median of the per-round ratios of each later build to each earlier one. The baseline writes into the last build's
# schema with today's columns: give the newest revision last (HEAD, when measuring older ones).
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
source "$root/scripts/processes.sh" # as_postgres, free_port, track, reap, await_up
source "$bench/clients.sh"          # client_keys

revisions=() rounds=8 seconds=8 warmup=60
usage() { echo "usage: bench/compare.sh BEFORE [AFTER ...] [--rounds N] [--seconds S]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    -*) usage ;;
    *) revisions+=("$1"); shift ;;
  esac
done
[ ${#revisions[@]} -ge 1 ] || usage
[ ${#revisions[@]} -ge 2 ] || revisions+=(HEAD)
sides=()
for index in "${!revisions[@]}"; do sides+=("build$index"); done

log() { printf '[compare %s] %s\n' "$(date +%T)" "$*" >&2; }
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v wrk >/dev/null 2>&1; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql wrk curl >/dev/null
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

results="$bench/results/compare-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
work=$(mktemp -d -t orders-compare-XXXXXX)
chmod 755 "$work"
running="" pg_started=false
cleanup() {
  for pid in $running; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $running; do wait "$pid" 2>/dev/null || true; done
  if $pg_started; then as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  for side in "${sides[@]}"; do git -C "$root" worktree remove --force "$work/$side" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the builds and the baseline --------------------------------------------------------------------------
declare -A revision=() extra=()
for index in "${!revisions[@]}"; do
  revision[${sides[$index]}]=${revisions[$index]%%,*}
  extra[${sides[$index]}]=$([[ ${revisions[$index]} == *,* ]] && tr ',' ' ' <<<"${revisions[$index]#*,}" || true)
done
# A revision is built once, however many sides run it.
declare -A build=() built=()
for side in "${sides[@]}"; do
  commit=$(git -C "$root" rev-parse "${revision[$side]}^{commit}")
  if [ -n "${built[$commit]:-}" ]; then build[$side]=${built[$commit]}; continue; fi
  log "building $side (${revision[$side]}: $(git -C "$root" log --oneline -1 "$commit" | cut -c1-60))"
  git -C "$root" worktree add -q --detach "$work/$side" "$commit"
  dotnet build "$work/$side/src/Orders.Web" -c Release -nologo -v q -clp:ErrorsOnly >"$results/build-$side.log" 2>&1 \
    || { cat "$results/build-$side.log" >&2; exit 1; }
  build[$side]="$work/$side/src/Orders.Web/bin/Release/net10.0" built[$commit]=${build[$side]}
done
dotnet build "$bench/Orders.Bench.Baseline" -c Release -nologo -v q -clp:ErrorsOnly >"$results/build-baseline.log" 2>&1 \
  || { cat "$results/build-baseline.log" >&2; exit 1; }

# --- PostgreSQL, as bench/run.sh starts it ------------------------------------------------------------------
pg_port=$(free_port)
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; fi
as_postgres "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --no-sync >"$results/initdb.log" 2>&1
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w start \
  -o "-p $pg_port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1 -c max_connections=300" \
  >/dev/null
pg_started=true
sql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$1" -v ON_ERROR_STOP=1 -qAt -c "$2"; }
pg_connection() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$1;Maximum Pool Size=8"; }

declare -A urls pids keys
# start NAME DIR DLL ARGS...: a server on a free port, once it answers.
start() {
  local name=$1 dir=$2 dll=$3 port pid
  shift 3
  port=$(free_port)
  local -a arguments=() environment=()
  for setting in "$@"; do
    if [[ $setting == --* || $setting != *=* || $setting == *:* ]]; then arguments+=("$setting"); else environment+=("$setting"); fi
  done
  (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production "${environment[@]}" dotnet "$dll" --urls "http://127.0.0.1:$port" "${arguments[@]}" \
    >"$results/$name.log" 2>&1) &
  pid=$!
  track "$pid"
  pids[$name]=$pid
  urls[$name]="http://127.0.0.1:$port"
  await_up "${urls[$name]}/health/live" "$pid" && return
  tail -n 30 "$results/$name.log" >&2
  echo "$name did not start" >&2
  exit 1
}

for side in "${sides[@]}"; do
  sql postgres "CREATE DATABASE orders_$side"
  mkdir -p "$work/root-$side"
  cp "${build[$side]}/appsettings.json" "$work/root-$side/"
  database=(--Database:Provider=Postgres --ConnectionStrings:Orders="$(pg_connection "orders_$side")")
  start "$side" "${build[$side]}" Orders.Web.dll --contentRoot "$work/root-$side" "${database[@]}" \
    --Exchange:Mode=Simulated --Exchange:Latency=00:00:00.5 --Exchange:FailureRate=0 ${extra[$side]}
  if [[ " ${extra[$side]} " != *" --Auth:AllowAnonymous=true "* ]]; then
    keys[$side]=$(client_keys "${build[$side]}" "${database[@]}")
    if [ -n "${keys[$side]}" ]; then log "$side: $bench_clients load clients, an account and a key each"; else log "$side: anonymous (a build before accounts)"; fi
  fi
done
# The baseline writes into the schema of the last build (the newest, as revisions are given oldest first): it writes
# the columns the service writes today.
sql postgres "CREATE DATABASE orders_baseline"
"$pg_bin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres -s "orders_${sides[-1]}" | "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d orders_baseline -q >/dev/null
# ... and its accounts (the default account, which the baseline's orders belong to, and the load clients').
if [ "$(sql "orders_${sides[-1]}" "SELECT to_regclass('accounts') IS NOT NULL")" = t ]; then
  "$pg_bin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres --data-only -t accounts "orders_${sides[-1]}" | "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d orders_baseline -q >/dev/null
fi
start baseline "$bench/Orders.Bench.Baseline/bin/Release/net10.0" Orders.Bench.Baseline.dll \
  --Baseline:Provider=Postgres --Baseline:ConnectionString="$(pg_connection orders_baseline)"

# The CPU time a process has used, in clock ticks (user + system): what a row cost the server, whatever else the
# machine was doing. Far steadier than requests/s on a shared machine.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
clock_ticks=$(getconf CLK_TCK)

# row NAME SECONDS: "requests/s CPU-ms-per-request" of one wrk run at concurrency 64 (errors stop the comparison).
row() {
  local line before after
  before=$(cpu_ticks "${pids[$1]}")
  line=$(ORDERS_BENCH_KEYS="${keys[$1]:-}" wrk -t2 -c64 -d"$2"s --timeout 10s -s "$bench/post-order.lua" "${urls[$1]}" | grep '^WRK ')
  after=$(cpu_ticks "${pids[$1]}")
  if [ "$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<<"$line")" != 0 ]; then echo "$1: errors: $line" >&2; exit 1; fi
  awk -v line="$line" -v ticks=$((after - before)) -v hz="$clock_ticks" 'BEGIN {
    match(line, /requests=[0-9]+/); requests = substr(line, RSTART + 9, RLENGTH - 9)
    match(line, /rps=[0-9.]+/); rps = substr(line, RSTART + 4, RLENGTH - 4)
    printf "%s %.3f\n", rps, ticks / hz * 1000 / requests }'
}
# Each build's unplaced orders are taken off its outbox before every row, so no dispatcher works off a backlog on
# the CPU the next row needs (as bench/run.sh does).
settle() {
  for side in "${sides[@]}"; do
    sql "orders_$side" "UPDATE outbox_messages SET processed_at = next_attempt_at WHERE processed_at IS NULL AND lock_token IS NULL" >/dev/null
  done
  sleep 1
}

for side in "${sides[@]}"; do log "warming $side (${warmup} s)"; row "$side" "$warmup" >/dev/null; settle; done
row baseline 10 >/dev/null

order="${sides[*]} baseline"
: >"$results/rounds.tsv"
: >"$results/cpu.tsv"
for round in $(seq 1 "$rounds"); do
  declare -A rps=() cpu=()
  for name in $order; do settle; measured=$(row "$name" "$seconds"); read -r "rps[$name]" "cpu[$name]" <<<"$measured"; done
  line="$round" summary="" costs=""
  for side in "${sides[@]}"; do
    line+=$'\t'"${rps[$side]}"; costs+=$'\t'"${cpu[$side]}"; summary+="$side ${rps[$side]}/s ${cpu[$side]} CPU ms, "
  done
  printf '%s\t%s\n' "$line" "${rps[baseline]}" >>"$results/rounds.tsv"
  printf '%s%s\t%s\n' "$round" "$costs" "${cpu[baseline]}" >>"$results/cpu.tsv"
  log "round $round: ${summary}baseline ${rps[baseline]}/s ${cpu[baseline]} CPU ms"
  order="${order#* } ${order%% *}"
done

# Columns: round, each build's POSTs/s, the baseline's; then each build's share of the baseline, and each later
# build's POSTs/s over each earlier one's.
awk -F'\t' -v revisions="${revisions[*]}" '
  function median(values, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && values[j - 1] > values[j]; j--) { t = values[j]; values[j] = values[j - 1]; values[j - 1] = t }
    return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
  }
  { n++; k = NF - 2; base = $NF
    row = sprintf("| %d |", $1)
    for (i = 1; i <= k; i++) row = row sprintf(" %.0f |", $(i + 1))
    row = row sprintf(" %.0f |", base)
    for (i = 1; i <= k; i++) { share[i, n] = $(i + 1) / base * 100; row = row sprintf(" %.0f %% |", share[i, n]) }
    for (i = 1; i < k; i++) for (j = i + 1; j <= k; j++) { ratio[i, j, n] = $(j + 1) / $(i + 1) * 100; row = row sprintf(" %.0f %% |", ratio[i, j, n]) }
    rows = rows row "\n" }
  END {
    split(revisions, name, " ")
    header = "| round |"; rule = "|---|"
    for (i = 1; i <= k; i++) { header = header sprintf(" %s POSTs/s |", name[i]); rule = rule "---:|" }
    header = header " baseline |"; rule = rule "---:|"
    for (i = 1; i <= k; i++) { header = header sprintf(" %s, of the baseline |", name[i]); rule = rule "---:|" }
    for (i = 1; i < k; i++) for (j = i + 1; j <= k; j++) { header = header sprintf(" %s / %s |", name[j], name[i]); rule = rule "---:|" }
    print header; print rule; printf "%s", rows
    last = "| median |"
    for (i = 1; i <= k + 1; i++) last = last " |"
    for (i = 1; i <= k; i++) { for (m = 1; m <= n; m++) v[m] = share[i, m]; last = last sprintf(" %.0f %% |", median(v, n)) }
    for (i = 1; i < k; i++) for (j = i + 1; j <= k; j++) { for (m = 1; m <= n; m++) v[m] = ratio[i, j, m]; last = last sprintf(" %.0f %% |", median(v, n)) }
    print last
    printf "\nPostgreSQL, concurrency 64, %d rounds\n", n
  }' "$results/rounds.tsv" | tee "$results/table.md"

# The servers' CPU time per request, median over the rounds: what each build costs a POST.
awk -F'\t' -v revisions="${revisions[*]}" '
  function median(values, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && values[j - 1] > values[j]; j--) { t = values[j]; values[j] = values[j - 1]; values[j - 1] = t }
    return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
  }
  { n++; k = NF - 1; for (i = 1; i <= k; i++) cost[i, n] = $(i + 1) }
  END {
    split(revisions, name, " ")
    printf "\n| CPU ms per POST, median of %d rounds |", n
    for (i = 1; i < k; i++) printf " %s |", name[i]
    printf " baseline |\n|---|"
    for (i = 1; i <= k; i++) printf "---:|"
    printf "\n| |"
    for (i = 1; i <= k; i++) { for (m = 1; m <= n; m++) v[m] = cost[i, m]; printf " %.3f |", median(v, n) }
    printf "\n"
  }' "$results/cpu.tsv" | tee -a "$results/table.md"
