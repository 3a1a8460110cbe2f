-- Every statement the server sends for a chat message from a known sender (counted with
-- drizzle's logger; bench/ingest/count-queries.ts): the three writes, applyReply's order lookup,
-- then the change-feed rows and pg_notify in one statement. 5 statements, as the server.
\set sender random(0, :senders - 1)
BEGIN;
INSERT INTO webhook_receipts (provider, provider_message_id) VALUES (:tag, :tag || '-' || nextval('bench_message_ids')) ON CONFLICT DO NOTHING RETURNING provider_message_id \gset
INSERT INTO clients (id, phone_number, name, last_contact) VALUES (bench_uuidv7(), '+33612' || lpad(:sender::text, 6, '0'), NULL, now())
  ON CONFLICT (phone_number) DO UPDATE SET name = coalesce(clients.name, excluded.name), last_contact = greatest(clients.last_contact, excluded.last_contact), updated_at = now()
  RETURNING id AS client_id \gset
INSERT INTO messages (id, client_id, direction, type, body, provider, provider_message_id, status, intent, intent_rule, sent_at)
  VALUES (bench_uuidv7(), :client_id, 'in', 'text', 'Bonjour, c''est pour quand la livraison ?', :tag, :provider_message_id, 'received', 'unclear', E'reply\072no_match', now()) RETURNING id AS message_id \gset
SELECT * FROM orders WHERE client_id = :client_id AND status IN ('pending', 'no_answer') ORDER BY id DESC LIMIT 1 FOR UPDATE;
WITH inserted AS (INSERT INTO change_events (entity, entity_id, action, client_id) VALUES ('client', :client_id, 'updated', :client_id), ('message', :message_id, 'created', :client_id) RETURNING id)
  SELECT pg_notify('confirma_changes', max(id)::text) FROM inserted;
COMMIT;
