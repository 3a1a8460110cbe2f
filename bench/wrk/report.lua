-- Shared by the bench scripts (loaded with dofile): numbers the threads, counts 200s exactly,
-- and prints one parseable line, BENCH_WRK {json}, when the run is over.
local threads = {}

sent, ok200, wraps = 0, 0, 0

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status == 200 then ok200 = ok200 + 1 end
end

function done(summary, latency, requests)
  local totals = { sent = 0, ok200 = 0, wraps = 0 }
  for _, thread in ipairs(threads) do
    for key in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_WRK {"requests":%d,"sent":%d,"ok200":%d,"non2xx":%d,"wraps":%d,"duration_us":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, totals.sent, totals.ok200, e.status, totals.wraps, summary.duration,
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
