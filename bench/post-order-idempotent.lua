-- wrk script: post-order.lua's request, keys and result line, with a new Idempotency-Key on every POST (a careful
-- client's first try). Keys are unique across threads and runs: the run's start time, the thread, a counter.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "post-order.lua")

local run = string.format("%d-%d", os.time(), math.random(1, 1e9))
local count_thread = setup
function setup(thread)
  count_thread(thread)
  thread:set("key_prefix", string.format("%s-%d-", run, threads))
end

local sent = 0
function request()
  sent = sent + 1
  authorize()
  wrk.headers["Idempotency-Key"] = key_prefix .. sent
  return wrk.format()
end
