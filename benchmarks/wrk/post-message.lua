-- POST {"content": "..."} to the paths in BENCH_PATHS_FILE (round robin over the conversations'
-- .../messages paths), with the bearer BENCH_TOKEN. Each request carries a new message text.
-- Used for both the real send (POST /v2/conversations/{id}/messages) and the CRUD baseline
-- (POST /v2/bench/conversations/{id}/messages): same paths, same bodies, same headers.
local script_dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(script_dir .. "common.lua")

setup = common.setup

function init(args)
  paths = common.read_paths()
  headers = common.headers(true)
  counter = thread_id or 0
  prefix = "benchmark message from thread " .. tostring(thread_id or 0) .. ", number "
end

function request()
  counter = counter + 1
  local body = '{"content":"' .. prefix .. counter .. '"}'
  return wrk.format("POST", paths[(counter % #paths) + 1], headers, body)
end

done = common.done
