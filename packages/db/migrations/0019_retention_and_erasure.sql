ALTER TABLE "clients" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "webhook_receipts_received_at_idx" ON "webhook_receipts" USING btree ("received_at");