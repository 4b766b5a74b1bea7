# Shell functions of the scripts that start throwaway servers (bench/run.sh, scripts/chaos.sh): sourced, not run.
# track and reap keep the script's variable `running`, the ids its cleanup stops.

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Below the kernel's ephemeral range: a port there can be the local end of a client connection (wrk's, the
# pool's), which a probe cannot see but a server's bind fails on.
ephemeral_from=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
free_port() {
  local port
  while :; do
    port=$((10000 + RANDOM % (ephemeral_from - 10000)))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# track PID: cleanup stops it if the script ends early; reap PID waits for it and forgets it.
track() { running="$running $1"; }
reap() {
  wait "$1" 2>/dev/null || true
  running=$(echo "$running" | tr ' ' '\n' | grep -vx "$1" | tr '\n' ' ' || true)
}

# await_up URL PID: waits until URL answers, at most a minute; fails sooner when PID has exited.
await_up() {
  local deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
    if ! kill -0 "$2" 2>/dev/null || [ $SECONDS -ge $deadline ]; then return 1; fi
    sleep 0.2
  done
}
