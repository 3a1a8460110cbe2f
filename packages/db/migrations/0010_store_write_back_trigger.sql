-- Every status change of a store's order schedules its write-back to the store, in the same
-- transaction as the change, whatever wrote it (a reply, an agent, the REST API, the flow's
-- time-outs, a one-statement SQL path). One job per status change (its id is the dedupe key), so
-- a change is written back at most once. A change the store itself made (reason `store:…`) is
-- not echoed back. The job is due at once whatever the runner's clock says (`-infinity`).
CREATE FUNCTION store_write_back_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jobs (kind, dedupe_key, order_id, run_at, payload)
  SELECT 'store_write_back', 'store-write-back:' || NEW.id, o.id, '-infinity', jsonb_build_object('statusChangeId', NEW.id)
  FROM orders o
  WHERE o.id = NEW.entity_id AND o.store_id IS NOT NULL
  ON CONFLICT (dedupe_key) DO NOTHING;
  IF FOUND THEN
    PERFORM pg_notify('confirma_jobs', 'store_write_back');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER status_changes_store_write_back
  AFTER INSERT ON status_changes
  FOR EACH ROW
  WHEN (NEW.entity = 'order' AND NEW.from_status IS NOT NULL AND NEW.from_status IS DISTINCT FROM NEW.to_status AND coalesce(NEW.reason, '') NOT LIKE 'store:%')
  EXECUTE FUNCTION store_write_back_jobs();
