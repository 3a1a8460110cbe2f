-- GET /healthz: the HTTP stack alone (no auth, no database), the ceiling of the server process.
dofile(os.getenv("BENCH_WRK_DIR") .. "report.lua")

function request()
  sent = sent + 1
  return wrk.format("GET", "/healthz")
end
