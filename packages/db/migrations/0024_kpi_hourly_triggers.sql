-- The KPI counters per UTC hour (kpi_hourly_counters, migration kpi_speed), kept by the same
-- trigger function as the 15-minute ones (migration kpi_counter_triggers) and in the same
-- statement: each branch works out the statement's moves once, adds them to kpi_counters, and
-- adds their sums per hour to kpi_hourly_counters. So an hour's row is always the sum of its
-- four 15-minute rows, whatever inserts, updates (a status, store, currency, total or creation
-- time that changes) or deletes did, and however the slots were folded.
-- Orders are locked against writes until this migration commits, so the hours filled from
-- kpi_counters below and the trigger's later additions neither miss nor repeat an order.
LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;--> statement-breakpoint
CREATE FUNCTION kpi_hour(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin('1 hour', at, timestamptz '2000-01-01 00:00:00+00')
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_counters_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH moves AS (
      SELECT kpi_bucket(created_at) AS bucket, coalesce(store_id, '') AS store_id, status, currency, count(*) AS orders, sum(total_minor) AS amount_minor
      FROM new_rows GROUP BY 1, 2, 3, 4
    ), quarters AS (
      INSERT INTO kpi_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
      SELECT bucket, store_id, status, currency, pg_backend_pid(), orders, amount_minor FROM moves
      ON CONFLICT (bucket, store_id, status, currency, slot)
        DO UPDATE SET orders = kpi_counters.orders + excluded.orders, amount_minor = kpi_counters.amount_minor + excluded.amount_minor
    )
    INSERT INTO kpi_hourly_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
    SELECT kpi_hour(bucket), store_id, status, currency, pg_backend_pid(), sum(orders), sum(amount_minor) FROM moves GROUP BY 1, 2, 3, 4
    ON CONFLICT (bucket, store_id, status, currency, slot)
      DO UPDATE SET orders = kpi_hourly_counters.orders + excluded.orders, amount_minor = kpi_hourly_counters.amount_minor + excluded.amount_minor;
  ELSIF TG_OP = 'DELETE' THEN
    WITH moves AS (
      SELECT kpi_bucket(created_at) AS bucket, coalesce(store_id, '') AS store_id, status, currency, -count(*) AS orders, -sum(total_minor) AS amount_minor
      FROM old_rows GROUP BY 1, 2, 3, 4
    ), quarters AS (
      INSERT INTO kpi_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
      SELECT bucket, store_id, status, currency, pg_backend_pid(), orders, amount_minor FROM moves
      ON CONFLICT (bucket, store_id, status, currency, slot)
        DO UPDATE SET orders = kpi_counters.orders + excluded.orders, amount_minor = kpi_counters.amount_minor + excluded.amount_minor
    )
    INSERT INTO kpi_hourly_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
    SELECT kpi_hour(bucket), store_id, status, currency, pg_backend_pid(), sum(orders), sum(amount_minor) FROM moves GROUP BY 1, 2, 3, 4
    ON CONFLICT (bucket, store_id, status, currency, slot)
      DO UPDATE SET orders = kpi_hourly_counters.orders + excluded.orders, amount_minor = kpi_hourly_counters.amount_minor + excluded.amount_minor;
  ELSE
    WITH moves AS (
      SELECT kpi_bucket(created_at) AS bucket, coalesce(store_id, '') AS store_id, status, currency, sum(delta) AS orders, sum(delta * total_minor) AS amount_minor
      FROM (
        SELECT o.created_at, o.store_id, o.status, o.currency, o.total_minor, -1 AS delta
        FROM old_rows o JOIN new_rows n USING (id)
        WHERE (o.created_at, o.store_id, o.status, o.currency, o.total_minor) IS DISTINCT FROM (n.created_at, n.store_id, n.status, n.currency, n.total_minor)
        UNION ALL
        SELECT n.created_at, n.store_id, n.status, n.currency, n.total_minor, 1
        FROM old_rows o JOIN new_rows n USING (id)
        WHERE (o.created_at, o.store_id, o.status, o.currency, o.total_minor) IS DISTINCT FROM (n.created_at, n.store_id, n.status, n.currency, n.total_minor)
      ) AS changed GROUP BY 1, 2, 3, 4
    ), quarters AS (
      INSERT INTO kpi_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
      SELECT bucket, store_id, status, currency, pg_backend_pid(), orders, amount_minor FROM moves
      ON CONFLICT (bucket, store_id, status, currency, slot)
        DO UPDATE SET orders = kpi_counters.orders + excluded.orders, amount_minor = kpi_counters.amount_minor + excluded.amount_minor
    )
    INSERT INTO kpi_hourly_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
    SELECT kpi_hour(bucket), store_id, status, currency, pg_backend_pid(), sum(orders), sum(amount_minor) FROM moves GROUP BY 1, 2, 3, 4
    ON CONFLICT (bucket, store_id, status, currency, slot)
      DO UPDATE SET orders = kpi_hourly_counters.orders + excluded.orders, amount_minor = kpi_hourly_counters.amount_minor + excluded.amount_minor;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- What exists already, from the 15-minute counters (every slot: their sums are the same).
INSERT INTO kpi_hourly_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
SELECT kpi_hour(bucket), store_id, status, currency, 0, sum(orders), sum(amount_minor)
FROM kpi_counters GROUP BY 1, 2, 3, 4;
