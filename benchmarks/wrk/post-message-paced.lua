-- Like post-message.lua, at a steady pace: each connection sends its next message
-- BENCH_INTERVAL_MS after the answer to the previous one, so N connections write about
-- N * 1000 / (BENCH_INTERVAL_MS + latency) messages a second, well below what the service can take.
-- Used for the projection lag under a steady write load.
local script_dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(script_dir .. "common.lua")

setup = common.setup

function init(args)
  paths = common.read_paths()
  headers = common.headers(true)
  counter = thread_id or 0
  prefix = "steady message from thread " .. tostring(thread_id or 0) .. ", number "
  interval = tonumber(os.getenv("BENCH_INTERVAL_MS") or "")
  if interval == nil then
    error("BENCH_INTERVAL_MS is not set")
  end
end

function delay()
  return interval
end

function request()
  counter = counter + 1
  local body = '{"content":"' .. prefix .. counter .. '"}'
  return wrk.format("POST", paths[(counter % #paths) + 1], headers, body)
end

done = common.done
