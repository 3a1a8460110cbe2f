-- What a rewrite could reach: the same work as the server's transaction for a chat message
-- (dedupe receipt, client upsert, message, the order lookup of applyReply, the change-feed rows)
-- in ONE statement, i.e. one round trip and an implicit transaction, without pg_notify.
-- A duplicate id inserts no receipt, so nothing after it happens either.
\set sender random(0, :senders - 1)
WITH receipt AS (
    INSERT INTO webhook_receipts (provider, provider_message_id) VALUES (:tag, :tag || '-' || nextval('bench_message_ids'))
    ON CONFLICT DO NOTHING RETURNING provider_message_id
  ), client AS (
    INSERT INTO clients (id, phone_number, name, last_contact)
    SELECT bench_uuidv7(), '+33612' || lpad(:sender::text, 6, '0'), NULL, now() FROM receipt
    ON CONFLICT (phone_number) DO UPDATE SET name = coalesce(clients.name, excluded.name), last_contact = greatest(clients.last_contact, excluded.last_contact), updated_at = now()
    RETURNING id
  ), message AS (
    INSERT INTO messages (id, client_id, direction, type, body, provider, provider_message_id, status, intent, intent_rule, sent_at)
    SELECT bench_uuidv7(), client.id, 'in', 'text', 'Bonjour, c''est pour quand la livraison ?', :tag, receipt.provider_message_id, 'received', 'unclear', E'reply\072no_match', now()
    FROM client, receipt
    RETURNING id, client_id
  ), answered AS (
    SELECT orders.id FROM orders, client WHERE orders.client_id = client.id AND orders.status IN ('pending', 'no_answer') ORDER BY orders.id DESC LIMIT 1 FOR UPDATE OF orders
  ), events AS (
    INSERT INTO change_events (entity, entity_id, action, client_id)
    SELECT 'client', client_id, 'updated', client_id FROM message
    UNION ALL SELECT 'message', id, 'created', client_id FROM message
    RETURNING id
  )
SELECT (SELECT max(id) FROM events) AS event_id, (SELECT id FROM answered) AS order_id;
