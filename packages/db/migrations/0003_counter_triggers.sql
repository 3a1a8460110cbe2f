-- Counters behind the overview (table stat_counters, see schema.ts), kept by triggers so that
-- every writer counts, whatever its path, in its own transaction. Statement-level triggers
-- with transition tables: one upsert per counter per statement, however many rows it wrote
-- (a row-level trigger would update one counter row once per row, and a long chain of versions
-- of one row in one transaction makes each update slower than the last). Each connection adds
-- to its own slot (its backend pid): concurrent writers never wait on one counter row.
CREATE FUNCTION stat_bucket(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin('15 minutes', at, timestamptz '2000-01-01 00:00:00+00')
$$;--> statement-breakpoint
-- Counts by status of the table the trigger is on, under the metric prefix given as argument.
-- (Each branch names only the transition tables its event has.)
CREATE FUNCTION status_stat_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stat_counters (metric, bucket, slot, n)
    SELECT TG_ARGV[0] || status, timestamptz 'epoch', pg_backend_pid(), count(*) FROM new_rows GROUP BY status
    ON CONFLICT (metric, bucket, slot) DO UPDATE SET n = stat_counters.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO stat_counters (metric, bucket, slot, n)
    SELECT TG_ARGV[0] || status, timestamptz 'epoch', pg_backend_pid(), -count(*) FROM old_rows GROUP BY status
    ON CONFLICT (metric, bucket, slot) DO UPDATE SET n = stat_counters.n + excluded.n;
  ELSE
    INSERT INTO stat_counters (metric, bucket, slot, n)
    SELECT TG_ARGV[0] || status, timestamptz 'epoch', pg_backend_pid(), sum(delta) FROM (
      SELECT old_rows.status, -1 AS delta FROM old_rows JOIN new_rows USING (id) WHERE old_rows.status <> new_rows.status
      UNION ALL SELECT new_rows.status, 1 FROM old_rows JOIN new_rows USING (id) WHERE old_rows.status <> new_rows.status
    ) AS moves GROUP BY status
    ON CONFLICT (metric, bucket, slot) DO UPDATE SET n = stat_counters.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER orders_status_counters_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION status_stat_counters('order_status:');--> statement-breakpoint
CREATE TRIGGER orders_status_counters_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION status_stat_counters('order_status:');--> statement-breakpoint
CREATE TRIGGER orders_status_counters_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION status_stat_counters('order_status:');--> statement-breakpoint
CREATE TRIGGER clients_status_counters_insert AFTER INSERT ON clients REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION status_stat_counters('client_status:');--> statement-breakpoint
CREATE TRIGGER clients_status_counters_update AFTER UPDATE ON clients REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION status_stat_counters('client_status:');--> statement-breakpoint
CREATE TRIGGER clients_status_counters_delete AFTER DELETE ON clients REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION status_stat_counters('client_status:');--> statement-breakpoint
-- Orders created per 15-minute bucket (a deleted order leaves the count, as it leaves the table).
CREATE FUNCTION orders_created_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stat_counters (metric, bucket, slot, n)
    SELECT 'orders_created', stat_bucket(created_at), pg_backend_pid(), count(*) FROM new_rows GROUP BY stat_bucket(created_at)
    ON CONFLICT (metric, bucket, slot) DO UPDATE SET n = stat_counters.n + excluded.n;
  ELSE
    INSERT INTO stat_counters (metric, bucket, slot, n)
    SELECT 'orders_created', stat_bucket(created_at), pg_backend_pid(), -count(*) FROM old_rows GROUP BY stat_bucket(created_at)
    ON CONFLICT (metric, bucket, slot) DO UPDATE SET n = stat_counters.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER orders_created_counters_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION orders_created_counters();--> statement-breakpoint
CREATE TRIGGER orders_created_counters_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION orders_created_counters();--> statement-breakpoint
CREATE FUNCTION status_changes_stat_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_counters (metric, bucket, slot, n)
  SELECT 'orders_decided:' || to_status, stat_bucket(created_at), pg_backend_pid(), count(*) FROM new_rows
  WHERE entity = 'order' AND to_status IN ('confirmed', 'cancelled') GROUP BY to_status, stat_bucket(created_at)
  ON CONFLICT (metric, bucket, slot) DO UPDATE SET n = stat_counters.n + excluded.n;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER status_changes_stat_counters AFTER INSERT ON status_changes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION status_changes_stat_counters();--> statement-breakpoint
-- What exists already. CREATE TRIGGER locked the tables until this migration commits, so no
-- write falls between the triggers and these counts.
INSERT INTO stat_counters (metric, bucket, slot, n)
SELECT 'order_status:' || status, timestamptz 'epoch', 0, count(*) FROM orders GROUP BY status
UNION ALL SELECT 'client_status:' || status, timestamptz 'epoch', 0, count(*) FROM clients GROUP BY status
UNION ALL SELECT 'orders_created', stat_bucket(created_at), 0, count(*) FROM orders GROUP BY stat_bucket(created_at)
UNION ALL SELECT 'orders_decided:' || to_status, stat_bucket(created_at), 0, count(*) FROM status_changes
  WHERE entity = 'order' AND to_status IN ('confirmed', 'cancelled') GROUP BY to_status, stat_bucket(created_at);
