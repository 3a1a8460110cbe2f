-- Answers to a confirmation campaign, in the guide's webhook format { from, body, type, id }: a fixed
-- number of requests, then the thread stops (bench/lib/wrk.ts interrupts wrk once every thread is done).
--
-- BENCH_PLAN is a cycle of request kinds, one letter each: C = a customer confirms ("Oui je
-- confirme"), X = a customer cancels, H = a chat message from a sender without orders. "C" is the
-- campaign; "CHHHCHHHCHHXCHHHCHHH" (70 % chat, 25 % confirm, 5 % cancel) the mixed load. Customers
-- BENCH_FIRST .. BENCH_FIRST + BENCH_CUSTOMERS - 1 (seeded by bench/campaign/seed-campaign.ts, each
-- with one order awaiting a reply) each answer exactly once: thread t takes every customer whose
-- rank is t modulo the thread count, and its run ends with its last customer's answer.
dofile(os.getenv("BENCH_WRK_DIR") .. "report.lua")

local run_id = os.getenv("BENCH_RUN_ID")
local plan = os.getenv("BENCH_PLAN")
local first = tonumber(os.getenv("BENCH_FIRST"))
local customers = tonumber(os.getenv("BENCH_CUSTOMERS"))
local threads_used = tonumber(os.getenv("BENCH_WRK_THREADS_USED"))
local senders = tonumber(os.getenv("BENCH_SENDERS"))
local done_dir = os.getenv("BENCH_DONE_DIR")
local headers = { ["Content-Type"] = "application/json", ["x-api-key"] = os.getenv("BENCH_API_KEY") }
local answers = { C = "Oui je confirme", X = "Non, j'annule la commande" }
local chat = {
  "Bonjour, c'est pour quand la livraison ?",
  "Salam, wach kayna livraison l Rabat ?",
  "Merci beaucoup",
  "Je peux changer l'adresse de livraison ?",
  "Hello, do you ship to Lyon?",
  "Vous avez la taille M ?",
}

local mine, used, planned, promised, answered = 0, 0, 0, 0, 0

-- How many requests this thread sends: up to and including the one that uses its last customer.
function init(args)
  mine = math.floor(customers / threads_used) + ((tid < customers % threads_used) and 1 or 0)
  local left = mine
  while left > 0 do
    planned = planned + 1
    if plan:sub((planned - 1) % #plan + 1, (planned - 1) % #plan + 1) ~= "H" then left = left - 1 end
  end
end

-- wrk asks for a delay before each request of each connection, and builds the request when it
-- has passed: a request is promised here, so that connections asking together never send more
-- than planned. Connections with nothing left to send wait (far longer than the run) instead.
function delay()
  if promised >= planned then return 3600000 end
  promised = promised + 1
  return 0
end

local checked = false

function request()
  -- wrk builds thread 0's first request once before the run, to check it parses (script_verify_request):
  -- that one is never sent, so it uses no customer and is not counted.
  if tid == 0 and not checked then
    checked = true
    return wrk.format("POST", "/api/webhook/whatsapp", headers, "{}")
  end
  sent = sent + 1
  local kind = plan:sub((sent - 1) % #plan + 1, (sent - 1) % #plan + 1)
  local from, text
  if kind == "H" then
    from = string.format("33612%06d", (sent * 7919 + tid * 104729) % senders)
    text = chat[(sent % #chat) + 1]
  else
    from = string.format("3376%07d", first + used * threads_used + tid)
    text = answers[kind]
    used = used + 1
  end
  local body = string.format('{"from":"%s@s.whatsapp.net","body":"%s","type":"text","id":"%s-%d-%d"}', from, text, run_id, tid, sent)
  return wrk.format("POST", "/api/webhook/whatsapp", headers, body)
end

function response(status, headers, body)
  if status == 200 then ok200 = ok200 + 1 end
  answered = answered + 1
  if answered == planned then
    local marker = io.open(string.format("%s/done-%d", done_dir, tid), "w")
    marker:close()
    wrk.thread:stop()
  end
end
