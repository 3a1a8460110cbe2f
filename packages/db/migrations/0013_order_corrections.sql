ALTER TABLE "orders" ADD COLUMN "cash_on_delivery" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "address_corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "phone_corrected_at" timestamp with time zone;