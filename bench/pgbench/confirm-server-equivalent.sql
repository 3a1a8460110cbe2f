-- Today's confirm path, statement for statement (ingestEvents → storeMessage → applyReply → decide in
-- packages/api, as drizzle's logger records them) for "Oui je confirme" from a customer with one order
-- awaiting a reply, its request sent and its follow-ups scheduled: 12 statements in one transaction,
-- 14 round trips with BEGIN and COMMIT. Update it when the server's confirm path changes (the campaign
-- benchmark counts the server's statements and says so when they no longer match).
-- Each transaction answers for the next campaign customer: sequence bench_campaign_customers, set by
-- the bench to the cohort's first customer. Run with -M prepared -D tag=T.
BEGIN;
INSERT INTO webhook_receipts (provider, provider_message_id) VALUES (:tag, :tag || '-' || nextval('bench_campaign_customers'))
  ON CONFLICT DO NOTHING RETURNING provider_message_id \gset
INSERT INTO clients (id, phone_number, name, last_contact) VALUES (bench_uuidv7(), '+3376' || lpad(currval('bench_campaign_customers')::text, 7, '0'), NULL, now())
  ON CONFLICT (phone_number) DO UPDATE SET name = coalesce(clients.name, excluded.name), last_contact = greatest(clients.last_contact, excluded.last_contact), updated_at = now()
  RETURNING id AS client_id, phone_number, name, status AS client_status, last_contact, created_at, updated_at \gset
INSERT INTO messages (id, client_id, direction, type, body, provider, provider_message_id, status, button_payload, reply_to_message_id, intent, intent_rule, media, sent_at)
  VALUES (bench_uuidv7(), :client_id, 'in', 'text', 'Oui je confirme', :tag, :provider_message_id, 'received', NULL, NULL, 'confirm', E'reply\072word\072fr\072oui', NULL, now())
  RETURNING id AS message_id \gset
SELECT id AS order_id, client_id AS order_client_id, status AS order_status, currency, total_minor, needs_review, review_message_id, review_reason, call_reason,
       call_back_at, claimed_by, claimed_until, store_id, external_id, external_number, shipping_address, customer_email, payment_method, note, is_test,
       store_updated_at, write_back_at, write_back_error, created_at AS order_created_at, updated_at AS order_updated_at
  FROM orders WHERE client_id = :client_id AND status IN ('pending', 'no_answer') ORDER BY id FOR UPDATE \gset
SELECT id, asked_order_ids FROM messages
  WHERE client_id = :client_id AND asked_order_ids IS NOT NULL AND status IN ('sent', 'delivered', 'read') ORDER BY id DESC LIMIT 1;
UPDATE orders SET status = 'confirmed', needs_review = false, review_message_id = NULL, review_reason = NULL, call_reason = NULL, call_back_at = NULL,
    claimed_by = NULL, claimed_until = NULL, updated_at = now()
  WHERE id = :order_id
  RETURNING id, client_id, status, currency, total_minor, needs_review, review_message_id, review_reason, call_reason, call_back_at, claimed_by, claimed_until,
    store_id, external_id, external_number, shipping_address, customer_email, payment_method, note, is_test, store_updated_at, write_back_at, write_back_error,
    created_at, updated_at;
INSERT INTO status_changes (id, entity, entity_id, from_status, to_status, actor_type, actor_id, reason)
  VALUES (bench_uuidv7(), 'order', :order_id, :order_status, 'confirmed', 'message', :message_id, E'reply\072word\072fr\072oui');
UPDATE jobs SET status = 'cancelled', updated_at = now()
  WHERE order_id = :order_id AND status = 'pending' AND kind IN ('confirmation_request', 'reminder', 'confirmation_timeout', 'auto_cancel');
WITH inserted AS (INSERT INTO change_events (entity, entity_id, action, client_id) VALUES ('order', :order_id, 'updated', :client_id) RETURNING id)
  SELECT pg_notify('confirma_changes', max(id)::text) FROM inserted;
UPDATE clients SET status = 'confirmed', updated_at = now() WHERE id = :client_id;
INSERT INTO status_changes (id, entity, entity_id, from_status, to_status, actor_type, actor_id, reason)
  VALUES (bench_uuidv7(), 'client', :client_id, :client_status, 'confirmed', 'message', :message_id, E'reply\072word\072fr\072oui');
WITH inserted AS (
    INSERT INTO change_events (entity, entity_id, action, client_id)
    VALUES ('client', :client_id, 'updated', :client_id), ('message', :message_id, 'created', :client_id) RETURNING id)
  SELECT pg_notify('confirma_changes', max(id)::text) FROM inserted;
COMMIT;
