-- GET over the paths in BENCH_PATHS_FILE (round robin), with the optional bearer BENCH_TOKEN.
-- Used for both sides of a pair: GET /bench/ping (the trivial endpoint) and the figure, so the
-- load generator does the same work for each.
local script_dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(script_dir .. "common.lua")

setup = common.setup

function init(args)
  paths = common.read_paths()
  headers = common.headers(false)
  counter = thread_id or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end

done = common.done
