ALTER TABLE "orders" ADD COLUMN "store_written_cancelled" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "store_written_at" timestamp with time zone;