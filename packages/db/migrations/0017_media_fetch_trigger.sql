-- Every inbound image, voice note, video, document or sticker gets its `message_media` row, and a
-- `media_fetch` job when the provider gave something to fetch (an id, a URL or the bytes), in the
-- transaction that stores the message, whichever path stored it (`ingest-events.ts` or the
-- one-statement SQL of `ingest-plain-messages.ts`). The webhook's answer never waits for the file:
-- the job runner fetches it afterwards. Media with nothing to fetch (the guide's own format sends
-- none) is recorded as failed with the reason `no_file`.
CREATE FUNCTION message_media_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO message_media (message_id, status, error)
  SELECT m.id,
         CASE WHEN m.media ?| array['id', 'url', 'base64'] THEN 'pending' ELSE 'failed' END,
         CASE WHEN m.media ?| array['id', 'url', 'base64'] THEN NULL ELSE 'no_file' END
  FROM new_rows m
  WHERE m.direction = 'in' AND m.type IN ('image', 'audio', 'video', 'document', 'sticker')
  ORDER BY m.id
  ON CONFLICT (message_id) DO NOTHING;
  INSERT INTO jobs (kind, dedupe_key, message_id, run_at)
  SELECT 'media_fetch', 'media-fetch:' || m.id, m.id, '-infinity'
  FROM new_rows m
  WHERE m.direction = 'in' AND m.type IN ('image', 'audio', 'video', 'document', 'sticker')
    AND jsonb_typeof(m.media) = 'object' AND m.media ?| array['id', 'url', 'base64']
  ORDER BY m.id
  ON CONFLICT (dedupe_key) DO NOTHING;
  IF FOUND THEN
    PERFORM pg_notify('confirma_jobs', 'media_fetch');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER messages_media_fetch AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION message_media_rows();
