-- Outbound webhooks: the outbox (outbound_deliveries) is written by triggers, in the transaction
-- of the change, whatever wrote it (a reply, an agent, the REST API, a store delivery, the
-- flow's time-outs, the one-statement chat path): a rolled-back change leaves no delivery, a
-- committed one cannot be lost. Statement-level triggers with transition tables: one INSERT per
-- statement however many rows it wrote (ingest-plain-messages.ts stores a whole delivery of chat
-- messages in one statement), and a cheap exit when no endpoint is enabled, which keeps the
-- chat's hot path as it was for installations that use no outbound webhook. The rows hold the
-- event's facts (money in minor units); the dispatcher renders the JSON body from them
-- (packages/api/src/outbound-webhooks/render-event.ts names every field read here).

-- A time-ordered UUID (version 7) as text, like the ids the application generates, so the
-- delivery log pages by id newest first whichever side wrote the row.
CREATE FUNCTION outbound_uuidv7() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid::text
$$;--> statement-breakpoint

-- Order events from the audit trail of statuses: from nothing = `order.created`; a move =
-- `order.status_changed`, plus `order.confirmed` / `order.cancelled` / `order.no_answer` when
-- it lands there. A change that keeps the status (a review dismissed) sends nothing. One
-- delivery per (event, enabled endpoint subscribed to it: no events listed = all), due at once
-- whatever the dispatcher's clock says (`-infinity`); the NOTIFY wakes the dispatchers when the
-- transaction commits (and never if it rolls back).
CREATE FUNCTION outbound_order_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM outbound_webhooks WHERE enabled) THEN
    RETURN NULL;
  END IF;
  INSERT INTO outbound_deliveries (id, message_id, webhook_id, event_type, payload, next_attempt_at)
  SELECT outbound_uuidv7(), 'msg_' || replace(gen_random_uuid()::text, '-', ''), w.id, event.type,
         jsonb_build_object('type', event.type, 'timestamp', change.created_at, 'data', facts.data),
         '-infinity'
  FROM new_rows change
  CROSS JOIN LATERAL (VALUES
    (1, CASE WHEN change.from_status IS NULL THEN 'order.created' END),
    (2, CASE WHEN change.from_status <> change.to_status THEN 'order.status_changed' END),
    (3, CASE WHEN change.from_status IS DISTINCT FROM change.to_status AND change.to_status IN ('confirmed', 'cancelled', 'no_answer')
             THEN 'order.' || change.to_status END)
  ) AS event(rank, type)
  JOIN orders o ON o.id = change.entity_id
  JOIN clients c ON c.id = o.client_id
  CROSS JOIN LATERAL (
    SELECT jsonb_build_object(
      'id', o.id,
      'status', change.to_status,
      'previousStatus', change.from_status,
      'reason', change.reason,
      'actor', jsonb_build_object('type', change.actor_type, 'id', change.actor_id),
      'clientId', o.client_id,
      'client', jsonb_build_object('phone', c.phone_number, 'name', c.name),
      'currency', o.currency,
      'totalMinor', o.total_minor,
      'storeId', o.store_id,
      'externalId', o.external_id,
      'externalNumber', o.external_number,
      'shippingAddress', o.shipping_address,
      'items', coalesce((
        SELECT jsonb_agg(jsonb_build_object('productId', i.product_id, 'variantId', i.variant_id, 'sku', i.sku, 'name', i.name,
                                            'unitPriceMinor', i.unit_price_minor, 'quantity', i.quantity) ORDER BY i.position)
        FROM order_items i WHERE i.order_id = o.id), '[]'::jsonb),
      'isTest', o.is_test,
      'createdAt', o.created_at
    ) AS data
  ) AS facts
  JOIN outbound_webhooks w ON w.enabled AND (cardinality(w.events) = 0 OR event.type = ANY (w.events))
  WHERE change.entity = 'order' AND event.type IS NOT NULL
  ORDER BY change.id, event.rank, w.id;
  IF FOUND THEN
    PERFORM pg_notify('confirma_outbound_webhooks', '');
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER status_changes_outbound_webhooks AFTER INSERT ON status_changes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbound_order_events();--> statement-breakpoint

-- `message.received` for every inbound message. The order it is about, when it says so: the
-- order of the confirmation request it replies to (a quoted message or a button).
CREATE FUNCTION outbound_message_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM outbound_webhooks WHERE enabled) THEN
    RETURN NULL;
  END IF;
  INSERT INTO outbound_deliveries (id, message_id, webhook_id, event_type, payload, next_attempt_at)
  SELECT outbound_uuidv7(), 'msg_' || replace(gen_random_uuid()::text, '-', ''), w.id, 'message.received',
         jsonb_build_object('type', 'message.received', 'timestamp', m.created_at, 'data', jsonb_build_object(
           'id', m.id,
           'clientId', m.client_id,
           'phone', c.phone_number,
           'name', c.name,
           'type', m.type,
           'body', m.body,
           'buttonPayload', m.button_payload,
           'intent', m.intent,
           'orderId', coalesce(m.order_id, (
             SELECT request.order_id FROM messages request
             WHERE request.provider = m.provider AND request.provider_message_id = m.reply_to_message_id AND request.direction = 'out')),
           'sentAt', m.sent_at
         )),
         '-infinity'
  FROM new_rows m
  JOIN clients c ON c.id = m.client_id
  JOIN outbound_webhooks w ON w.enabled AND (cardinality(w.events) = 0 OR 'message.received' = ANY (w.events))
  WHERE m.direction = 'in'
  ORDER BY m.id, w.id;
  IF FOUND THEN
    PERFORM pg_notify('confirma_outbound_webhooks', '');
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER messages_outbound_webhooks AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outbound_message_events();
