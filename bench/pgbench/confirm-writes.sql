-- A confirmation's writes, each once, one statement each (the confirm path's counterpart of
-- ingest-minimal.sql): dedupe receipt, client upsert, message, the order's transition with its queue
-- flags cleared, its pending reminders and time-out cancelled, the client's status, the status history
-- of both, and the change-feed rows. 8 statements in one transaction, 10 round trips with BEGIN and
-- COMMIT; no NOTIFY (the server can send one after the commit, shared, as it does for chat messages).
-- Each transaction answers for the next campaign customer: sequence bench_campaign_customers, set by
-- the bench to the cohort's first customer. Run with -M prepared -D tag=T.
BEGIN;
INSERT INTO webhook_receipts (provider, provider_message_id) VALUES (:tag, :tag || '-' || nextval('bench_campaign_customers'))
  ON CONFLICT DO NOTHING RETURNING provider_message_id \gset
INSERT INTO clients (id, phone_number, name, last_contact) VALUES (bench_uuidv7(), '+3376' || lpad(currval('bench_campaign_customers')::text, 7, '0'), NULL, now())
  ON CONFLICT (phone_number) DO UPDATE SET name = coalesce(clients.name, excluded.name), last_contact = greatest(clients.last_contact, excluded.last_contact), updated_at = now()
  RETURNING id AS client_id, status AS client_status \gset
INSERT INTO messages (id, client_id, direction, type, body, provider, provider_message_id, status, intent, intent_rule, sent_at)
  VALUES (bench_uuidv7(), :client_id, 'in', 'text', 'Oui je confirme', :tag, :provider_message_id, 'received', 'confirm', E'reply\072word\072fr\072oui', now())
  RETURNING id AS message_id \gset
UPDATE orders SET status = 'confirmed', needs_review = false, review_message_id = NULL, review_reason = NULL, call_reason = NULL, call_back_at = NULL,
    claimed_by = NULL, claimed_until = NULL, updated_at = now()
  WHERE id = (SELECT id FROM orders WHERE client_id = :client_id AND status IN ('pending', 'no_answer') ORDER BY id DESC LIMIT 1) AND status = 'pending'
  RETURNING id AS order_id \gset
UPDATE jobs SET status = 'cancelled', updated_at = now()
  WHERE order_id = :order_id AND status = 'pending' AND kind IN ('confirmation_request', 'reminder', 'confirmation_timeout', 'auto_cancel');
UPDATE clients SET status = 'confirmed', updated_at = now() WHERE id = :client_id;
INSERT INTO status_changes (id, entity, entity_id, from_status, to_status, actor_type, actor_id, reason)
  VALUES (bench_uuidv7(), 'order', :order_id, 'pending', 'confirmed', 'message', :message_id, E'reply\072word\072fr\072oui'),
         (bench_uuidv7(), 'client', :client_id, :client_status, 'confirmed', 'message', :message_id, E'reply\072word\072fr\072oui');
INSERT INTO change_events (entity, entity_id, action, client_id)
  VALUES ('order', :order_id, 'updated', :client_id), ('client', :client_id, 'updated', :client_id), ('message', :message_id, 'created', :client_id);
COMMIT;
