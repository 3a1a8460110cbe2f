-- The statement the server sends for a chat message (packages/api/src/ingest/ingest-plain-messages.ts),
-- for one message: receipt, client upsert, message, review flag on an order awaiting a reply,
-- change-feed rows, in one round trip and one implicit transaction. The server then sends one
-- pg_notify after the commit, shared by every statement that committed meanwhile: not modelled.
-- Under concurrency the server puts several deliveries in one such statement; pgbench does not.
\set sender random(0, :senders - 1)
WITH input AS (
    SELECT * FROM jsonb_to_recordset(jsonb_build_array(jsonb_build_object(
      'ord', 0, 'message_id', bench_uuidv7(), 'client_id', bench_uuidv7(), 'phone', '+33612' || lpad(:sender::text, 6, '0'),
      'name', NULL, 'provider', :tag::text, 'provider_message_id', :tag::text || '-' || nextval('bench_message_ids'), 'type', 'text',
      'body', 'Bonjour, c''est pour quand la livraison ?', 'button_payload', NULL, 'reply_to', NULL, 'intent', 'unclear',
      'intent_rule', E'reply\072no_match', 'media', NULL, 'sent_at', now()))) AS x(
      ord int, message_id text, client_id text, phone text, name text, provider text, provider_message_id text,
      type text, body text, button_payload text, reply_to text, intent text, intent_rule text, media jsonb, sent_at timestamptz)
  ), receipt AS (
    INSERT INTO webhook_receipts (provider, provider_message_id)
    SELECT provider, provider_message_id FROM input ORDER BY ord
    ON CONFLICT DO NOTHING RETURNING provider, provider_message_id
  ), fresh AS (
    SELECT input.* FROM input JOIN receipt USING (provider, provider_message_id)
  ), sender AS (
    INSERT INTO clients (id, phone_number, name, last_contact)
    SELECT min(client_id), phone, (array_agg(name ORDER BY ord) FILTER (WHERE name IS NOT NULL))[1], max(sent_at)
    FROM fresh GROUP BY phone ORDER BY phone
    ON CONFLICT (phone_number) DO UPDATE SET last_contact = greatest(clients.last_contact, excluded.last_contact),
      name = coalesce(clients.name, excluded.name), updated_at = now()
    RETURNING id, phone_number
  ), message AS (
    INSERT INTO messages (id, client_id, direction, type, body, provider, provider_message_id, status,
                          button_payload, reply_to_message_id, intent, intent_rule, media, sent_at)
    SELECT fresh.message_id, sender.id, 'in', fresh.type, fresh.body, fresh.provider, fresh.provider_message_id, 'received',
           fresh.button_payload, fresh.reply_to, fresh.intent, fresh.intent_rule, fresh.media, fresh.sent_at
    FROM fresh JOIN sender ON sender.phone_number = fresh.phone ORDER BY fresh.ord
    RETURNING id, client_id
  ), latest AS (
    SELECT DISTINCT ON (sender.id) sender.id AS client_id, fresh.message_id
    FROM fresh JOIN sender ON sender.phone_number = fresh.phone ORDER BY sender.id, fresh.ord DESC
  ), answered AS (
    SELECT awaiting.id, latest.message_id FROM latest CROSS JOIN LATERAL (
      SELECT orders.id FROM orders WHERE orders.client_id = latest.client_id AND orders.status IN ('pending', 'no_answer')
      ORDER BY orders.id DESC LIMIT 1) awaiting
    ORDER BY awaiting.id
  ), flagged AS (
    UPDATE orders SET needs_review = true, review_message_id = answered.message_id, call_reason = 'unclear', updated_at = now()
    FROM answered WHERE orders.id = answered.id AND orders.status IN ('pending', 'no_answer')
    RETURNING orders.id, orders.client_id, orders.status
  ), events AS (
    INSERT INTO change_events (entity, entity_id, action, client_id)
    SELECT 'client', sender.id, CASE WHEN EXISTS (SELECT FROM input WHERE input.client_id = sender.id) THEN 'created' ELSE 'updated' END, sender.id FROM sender
    UNION ALL SELECT 'message', message.id, 'created', message.client_id FROM message
    UNION ALL SELECT 'order', flagged.id, 'updated', flagged.client_id FROM flagged
  )
SELECT 'client' AS kind, id, phone_number AS key, NULL AS extra FROM sender
UNION ALL SELECT 'message', id, client_id, NULL FROM message
UNION ALL SELECT 'order', id, client_id, status FROM flagged;
