-- wrk script for bench/load.py: the signed-in session as a cookie, the headers a TLS proxy adds,
-- and every answer other than 200 counted as an error (a redirect to the login page included).
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Language"] = "nb"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %f, "errors": %d, "p50_us": %f, "p99_us": %f}\n',
    summary.requests, summary.duration / 1e6, bad + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
