-- The webhook transaction reduced to its three writes (the issue's baseline): dedupe receipt,
-- client upsert on the phone number, message insert. Run with -M prepared -D senders=N -D tag=T.
\set sender random(0, :senders - 1)
BEGIN;
INSERT INTO webhook_receipts (provider, provider_message_id) VALUES (:tag, :tag || '-' || nextval('bench_message_ids')) ON CONFLICT DO NOTHING RETURNING provider_message_id \gset
INSERT INTO clients (id, phone_number, name, last_contact) VALUES (bench_uuidv7(), '+33612' || lpad(:sender::text, 6, '0'), NULL, now())
  ON CONFLICT (phone_number) DO UPDATE SET name = coalesce(clients.name, excluded.name), last_contact = greatest(clients.last_contact, excluded.last_contact), updated_at = now()
  RETURNING id AS client_id \gset
INSERT INTO messages (id, client_id, direction, type, body, provider, provider_message_id, status, intent, intent_rule, sent_at)
  VALUES (bench_uuidv7(), :client_id, 'in', 'text', 'Bonjour, c''est pour quand la livraison ?', :tag, :provider_message_id, 'received', 'unclear', E'reply\072no_match', now()) RETURNING id;
COMMIT;
