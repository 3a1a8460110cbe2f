-- Counters behind the overview (table stat_counters, see schema.ts), kept by triggers so that
-- every writer counts, whatever its path, in its own transaction. Each connection adds to its
-- own slot (its backend pid): concurrent writers never wait on one counter row.
CREATE FUNCTION stat_bucket(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin('15 minutes', at, timestamptz '2000-01-01 00:00:00+00')
$$;--> statement-breakpoint
CREATE FUNCTION stat_count(_metric text, _bucket timestamptz, _delta bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stat_counters (metric, bucket, slot, n) VALUES (_metric, _bucket, pg_backend_pid(), _delta)
  ON CONFLICT (metric, bucket, slot) DO UPDATE SET n = stat_counters.n + excluded.n
$$;--> statement-breakpoint
CREATE FUNCTION orders_stat_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stat_count('order_status:' || NEW.status, 'epoch', 1);
    PERFORM stat_count('orders_created', stat_bucket(NEW.created_at), 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stat_count('order_status:' || OLD.status, 'epoch', -1);
    PERFORM stat_count('orders_created', stat_bucket(OLD.created_at), -1);
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM stat_count('order_status:' || OLD.status, 'epoch', -1);
    PERFORM stat_count('order_status:' || NEW.status, 'epoch', 1);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER orders_stat_counters AFTER INSERT OR DELETE OR UPDATE OF status ON orders
  FOR EACH ROW EXECUTE FUNCTION orders_stat_counters();--> statement-breakpoint
CREATE FUNCTION clients_stat_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM stat_count('client_status:' || NEW.status, 'epoch', 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stat_count('client_status:' || OLD.status, 'epoch', -1);
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM stat_count('client_status:' || OLD.status, 'epoch', -1);
    PERFORM stat_count('client_status:' || NEW.status, 'epoch', 1);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER clients_stat_counters AFTER INSERT OR DELETE OR UPDATE OF status ON clients
  FOR EACH ROW EXECUTE FUNCTION clients_stat_counters();--> statement-breakpoint
CREATE FUNCTION status_changes_stat_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_count('orders_decided:' || NEW.to_status, stat_bucket(NEW.created_at), 1);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER status_changes_stat_counters AFTER INSERT ON status_changes
  FOR EACH ROW WHEN (NEW.entity = 'order' AND NEW.to_status IN ('confirmed', 'cancelled'))
  EXECUTE FUNCTION status_changes_stat_counters();--> statement-breakpoint
-- What exists already. CREATE TRIGGER locked the tables until this migration commits, so no
-- write falls between the triggers and these counts.
INSERT INTO stat_counters (metric, bucket, slot, n)
SELECT 'order_status:' || status, timestamptz 'epoch', 0, count(*) FROM orders GROUP BY status
UNION ALL SELECT 'client_status:' || status, timestamptz 'epoch', 0, count(*) FROM clients GROUP BY status
UNION ALL SELECT 'orders_created', stat_bucket(created_at), 0, count(*) FROM orders GROUP BY stat_bucket(created_at)
UNION ALL SELECT 'orders_decided:' || to_status, stat_bucket(created_at), 0, count(*) FROM status_changes
  WHERE entity = 'order' AND to_status IN ('confirmed', 'cancelled') GROUP BY to_status, stat_bucket(created_at);
