-- Replays the requests listed in a file, one per line: "METHOD PATH TOKEN".
-- Each wrk thread takes every n-th line (its share), so no two threads send the same line; GET
-- lines are replayed round-robin, and a POST line that comes round again answers 409 and counts
-- as an error (the runner makes enough of them for the whole run).
-- Usage: wrk ... -s replay.lua <url> -- <file> <threads>

local requests = {}
local position = 0
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local threads = tonumber(args[2])
  local number = 0
  for line in io.lines(args[1]) do
    if number % threads == id then
      local method, path, token = line:match("^(%S+) (%S+) (%S+)$")
      local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
      table.insert(requests, wrk.format(method, path, headers, nil))
    end
    number = number + 1
  end
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}, "latency_us": {"p50": %d, "p95": %d, "p99": %d, ' ..
    '"max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write, errors.status,
    errors.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
