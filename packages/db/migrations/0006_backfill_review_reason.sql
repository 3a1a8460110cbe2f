-- Orders already in the review queue were put there by an unclear reply.
UPDATE "orders" SET "review_reason" = 'unclear' WHERE "needs_review" AND "review_reason" IS NULL;--> statement-breakpoint
-- Requests and reminders sent before this version asked about their one order.
UPDATE "messages" SET "asked_order_ids" = ARRAY["order_id"]
WHERE "direction" = 'out' AND "purpose" IN ('confirmation_request', 'reminder') AND "order_id" IS NOT NULL AND "asked_order_ids" IS NULL;
