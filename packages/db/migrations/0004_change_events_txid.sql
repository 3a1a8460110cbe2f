ALTER TABLE "change_events" ADD COLUMN "txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "change_events_txid_idx" ON "change_events" USING btree ("txid");