-- Shared by the benchmark scripts (loaded with dofile by each of them).
--   BENCH_PATHS_FILE  a file of request paths, one a line; each thread goes round them from its
--                     own offset, so the concurrent connections spread over all of them
--   BENCH_TOKEN       optional: sent as "Authorization: Bearer <token>"
-- done() prints one "BENCH_JSON {...}" line that benchmarks/bench.py parses (wrk's own --latency
-- table is printed too and kept in the raw output).
local common = {}

function common.read_paths()
  local file = os.getenv("BENCH_PATHS_FILE")
  if file == nil or file == "" then
    error("BENCH_PATHS_FILE is not set")
  end
  local paths = {}
  for line in io.lines(file) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no paths in " .. file)
  end
  return paths
end

function common.headers(json)
  local headers = {}
  local token = os.getenv("BENCH_TOKEN")
  if token ~= nil and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  if json then
    headers["Content-Type"] = "application/json"
  end
  return headers
end

local next_thread = 0

function common.setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

function common.done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH_JSON {\"requests\":%d,\"duration_us\":%d,\"bytes\":%d," ..
    "\"connect_errors\":%d,\"read_errors\":%d,\"write_errors\":%d,\"status_errors\":%d," ..
    "\"timeouts\":%d,\"latency_us\":{\"min\":%d,\"mean\":%.1f,\"max\":%d," ..
    "\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d}}\n",
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.min, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9)))
end

return common
