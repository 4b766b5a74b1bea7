-- wrk script: POST /orders with the README's limit order, and one machine-readable result line.
-- With ORDERS_BENCH_KEYS set (API keys' secrets, comma-separated: one per load client, bench/clients.sh), every
-- request carries the next client's key, each thread starting at its own, so the load comes from as many accounts
-- as there are keys (wrk shows its connections to no script, so requests, not connections, take turns).
wrk.method = "POST"
wrk.path = "/orders"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"limit","side":"buy","instrument":"US0378331005","limit_price":150.25,"quantity":10}'

local keys = {}
for key in (os.getenv("ORDERS_BENCH_KEYS") or ""):gmatch("[^,]+") do keys[#keys + 1] = key end

threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local next_key
-- authorize(): the next client's key on the request about to be formatted (nothing without keys).
function authorize()
  if #keys == 0 then return end
  next_key = ((next_key or thread_number * 31) % #keys) + 1
  wrk.headers["Authorization"] = "Bearer " .. keys[next_key]
end

if #keys > 0 then
  function request()
    authorize()
    return wrk.format()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
