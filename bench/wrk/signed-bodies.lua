-- Pre-signed deliveries (Meta's envelope, X-Hub-Signature-256): wrk's Lua has no HMAC, so
-- bench/ingest writes BENCH_BODIES_DIR/bodies-<thread>.tsv ("sha256=<hex>\t<json>" per line) and
-- each thread sends its own file in order. Past its end it starts again: those re-sends are
-- duplicates on purpose (counted in `wraps`), answered 200 and stored nothing.
dofile(os.getenv("BENCH_WRK_DIR") .. "report.lua")

local bodies = {}
local index = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  local path = string.format("%s/bodies-%d.tsv", os.getenv("BENCH_BODIES_DIR"), tid)
  for line in io.lines(path) do
    local tab = line:find("\t", 1, true)
    bodies[#bodies + 1] = { line:sub(1, tab - 1), line:sub(tab + 1) }
  end
end

function request()
  sent = sent + 1
  index = index + 1
  if index > #bodies then index = 1 end
  if sent > #bodies then wraps = wraps + 1 end
  local entry = bodies[index]
  headers["X-Hub-Signature-256"] = entry[1]
  return wrk.format("POST", "/api/webhook/whatsapp", headers, entry[2])
end
