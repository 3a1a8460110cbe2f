-- The KPI cohort counters (table kpi_counters, see schema.ts): orders per 15-minute bucket of
-- their creation, store, current status and currency, with their summed totals. Kept like
-- stat_counters (migration counter_triggers): statement-level triggers with transition tables,
-- one upsert per statement, each connection adding to its own slot. An order that changes status
-- (or store, currency, total) moves from its old row to its new one in the same transaction.
-- The bucket is the same 15-minute bin as stat_counters (`stat_bucket`), spelled out here so this
-- migration stands on its own.
CREATE FUNCTION kpi_bucket(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin('15 minutes', at, timestamptz '2000-01-01 00:00:00+00')
$$;--> statement-breakpoint
CREATE FUNCTION kpi_counters_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO kpi_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
    SELECT kpi_bucket(created_at), coalesce(store_id, ''), status, currency, pg_backend_pid(), count(*), sum(total_minor)
    FROM new_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (bucket, store_id, status, currency, slot)
      DO UPDATE SET orders = kpi_counters.orders + excluded.orders, amount_minor = kpi_counters.amount_minor + excluded.amount_minor;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO kpi_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
    SELECT kpi_bucket(created_at), coalesce(store_id, ''), status, currency, pg_backend_pid(), -count(*), -sum(total_minor)
    FROM old_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (bucket, store_id, status, currency, slot)
      DO UPDATE SET orders = kpi_counters.orders + excluded.orders, amount_minor = kpi_counters.amount_minor + excluded.amount_minor;
  ELSE
    INSERT INTO kpi_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
    SELECT kpi_bucket(created_at), coalesce(store_id, ''), status, currency, pg_backend_pid(), sum(delta), sum(delta * total_minor)
    FROM (
      SELECT o.created_at, o.store_id, o.status, o.currency, o.total_minor, -1 AS delta
      FROM old_rows o JOIN new_rows n USING (id)
      WHERE (o.created_at, o.store_id, o.status, o.currency, o.total_minor) IS DISTINCT FROM (n.created_at, n.store_id, n.status, n.currency, n.total_minor)
      UNION ALL
      SELECT n.created_at, n.store_id, n.status, n.currency, n.total_minor, 1
      FROM old_rows o JOIN new_rows n USING (id)
      WHERE (o.created_at, o.store_id, o.status, o.currency, o.total_minor) IS DISTINCT FROM (n.created_at, n.store_id, n.status, n.currency, n.total_minor)
    ) AS moves GROUP BY 1, 2, 3, 4
    ON CONFLICT (bucket, store_id, status, currency, slot)
      DO UPDATE SET orders = kpi_counters.orders + excluded.orders, amount_minor = kpi_counters.amount_minor + excluded.amount_minor;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER orders_kpi_counters_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_counters_apply();--> statement-breakpoint
CREATE TRIGGER orders_kpi_counters_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_counters_apply();--> statement-breakpoint
CREATE TRIGGER orders_kpi_counters_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_counters_apply();--> statement-breakpoint
-- What exists already (CREATE TRIGGER holds the table's lock until this migration commits).
INSERT INTO kpi_counters (bucket, store_id, status, currency, slot, orders, amount_minor)
SELECT kpi_bucket(created_at), coalesce(store_id, ''), status, currency, 0, count(*), sum(total_minor)
FROM orders GROUP BY 1, 2, 3, 4;
