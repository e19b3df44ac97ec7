-- wrk script: POSTs the JSON body in the file $BENCH_BODY (a GraphQL request) with Content-Type application/json;
-- a plain GET when BENCH_BODY is empty (nginx's own throughput).
-- "{{n}}" in the body becomes a number unique per request (idempotency keys of mutations).
-- A response that is not 200 or whose body has "errors" counts as a GraphQL error.
-- done() prints one machine-readable line that bench/run.sh parses.
local file = os.getenv("BENCH_BODY") or ""
local body = ""
if file ~= "" then
   body = assert(io.open(file, "r")):read("*a")
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Authorization"] = "Bearer " .. (os.getenv("CALLER_TOKEN") or "")
   wrk.body = body
end

local threads = {}
function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

errors = 0
local counter = 0
if body:find("{{n}}", 1, true) then
   function request()
      counter = counter + 1
      return wrk.format(nil, nil, nil, (body:gsub("{{n}}", tid .. "-" .. counter)))
   end
end

function response(status, headers, resp)
   if status ~= 200 or resp:find('"errors"', 1, true) then
      errors = errors + 1
   end
end

function done(summary, latency, requests)
   local graphql_errors = 0
   for _, thread in ipairs(threads) do
      graphql_errors = graphql_errors + thread:get("errors")
   end
   local e = summary.errors
   io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d socket_errors=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), graphql_errors,
      e.connect + e.read + e.write + e.timeout))
end
