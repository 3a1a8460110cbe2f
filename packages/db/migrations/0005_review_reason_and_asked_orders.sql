ALTER TABLE "messages" ADD COLUMN "asked_order_ids" text[];--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "review_reason" text;--> statement-breakpoint
CREATE INDEX "messages_requests_idx" ON "messages" USING btree ("client_id","id") WHERE "messages"."asked_order_ids" is not null;