-- wrk script for the soak: cycles through the JSON request bodies in the files named by $SOAK_BODIES (separated by
-- ":"), one after the other per connection thread. "{{n}}" in a body becomes a number unique per request
-- (idempotency keys of mutations). A response that is not 200 or whose body has "errors" counts as an error.
-- done() prints one machine-readable line that bench/soak.sh parses.
local bodies = {}
for file in string.gmatch(os.getenv("SOAK_BODIES") or "", "[^:]+") do
   table.insert(bodies, assert(io.open(file, "r")):read("*a"))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("CALLER_TOKEN") or "")

local threads = {}
function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

errors = 0
first_error = ""
local counter = 0
function request()
   counter = counter + 1
   local body = bodies[(counter % #bodies) + 1]
   return wrk.format(nil, nil, nil, (body:gsub("{{n}}", os.getenv("SOAK_ROUND") .. "-" .. tid .. "-" .. counter)))
end

function response(status, headers, resp)
   if status ~= 200 or resp:find('"errors"', 1, true) then
      errors = errors + 1
      if first_error == "" then
         first_error = status .. " " .. string.sub(resp, 1, 300)
      end
   end
end

function done(summary, latency, requests)
   local total_errors, sample = 0, ""
   for _, thread in ipairs(threads) do
      total_errors = total_errors + thread:get("errors")
      if sample == "" then sample = thread:get("first_error") end
   end
   local e = summary.errors
   io.write(string.format("SOAK requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d socket_errors=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), total_errors,
      e.connect + e.read + e.write + e.timeout))
   if sample ~= "" then io.write("SOAK first_error " .. sample:gsub("\n", " ") .. "\n") end
end
