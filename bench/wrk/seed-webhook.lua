-- The guide's webhook format, { from, body, type, id }, with the integration key. Every request
-- carries a unique message id (run, thread, per-thread counter) and one of BENCH_SENDERS senders.
dofile(os.getenv("BENCH_WRK_DIR") .. "report.lua")

local run_id = os.getenv("BENCH_RUN_ID")
local senders = tonumber(os.getenv("BENCH_SENDERS"))
local headers = { ["Content-Type"] = "application/json", ["x-api-key"] = os.getenv("BENCH_API_KEY") }
local texts = {
  "Bonjour, c'est pour quand la livraison ?",
  "Salam, wach kayna livraison l Rabat ?",
  "Merci beaucoup",
  "Je peux changer l'adresse de livraison ?",
  "Hello, do you ship to Lyon?",
  "Vous avez la taille M ?",
}

function request()
  sent = sent + 1
  local sender = (sent * 7919 + tid * 104729) % senders
  local body = string.format(
    '{"from":"33612%06d@s.whatsapp.net","body":"%s","type":"text","id":"%s-%d-%d"}',
    sender, texts[(sent % #texts) + 1], run_id, tid, sent)
  return wrk.format("POST", "/api/webhook/whatsapp", headers, body)
end
