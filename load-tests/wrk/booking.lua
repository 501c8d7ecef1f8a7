-- wrk script: every request books a seat for a new applicant (a document number no request used before), at
-- the hot office, on one of the open days given in DAYS (comma separated), earliest slot that day. Counts the
-- answers by status, so that the durable bookings (201) are reported apart from refusals and errors.
--   DAYS=2026-12-01,2026-12-02 OFFICE=lim-brena wrk -t2 -c64 -d20s -s booking.lua http://127.0.0.1:5080
local threads = {}
local days = {}
for day in string.gmatch(os.getenv("DAYS") or "", "[^,]+") do
  days[#days + 1] = day
end
local office = os.getenv("OFFICE") or "lim-brena"
local procedure = os.getenv("PROCEDURE") or "cpp-biometrics"
local series = tonumber(os.getenv("SERIES") or "1")

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  counter = 0
  statuses = {}
  wrk.method = "POST"
  wrk.path = "/api/v1/appointments"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  -- 9 digits: series (1 digit), thread (2 digits), counter (6 digits): unique within a run of up to 1e6 per thread.
  local number = string.format("%d%02d%06d", series % 10, id % 100, counter % 1000000)
  local day = days[(counter % #days) + 1]
  local body = string.format(
    '{"procedure":"%s","officeId":"%s","date":"%s","applicant":{"documentType":"CPP","documentNumber":"%s","country":"VE","fullName":"Wrk Applicant"}}',
    procedure, office, day, number)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      totals[status] = (totals[status] or 0) + count
    end
  end

  local seconds = summary.duration / 1e6
  local created = totals[201] or 0
  io.write(string.format("durable bookings (201): %d in %.1f s = %.0f/s\n", created, seconds, created / seconds))
  for status, count in pairs(totals) do
    if status ~= 201 then
      io.write(string.format("answers %d: %d (%.0f/s)\n", status, count, count / seconds))
    end
  end
  io.write(string.format("requests answered: %d (%.0f/s); socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.requests, summary.requests / seconds, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency of all answers: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
