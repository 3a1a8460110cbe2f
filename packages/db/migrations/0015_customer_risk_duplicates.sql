CREATE TABLE "blocked_phones" (
	"phone_number" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"created_by_type" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_duplicates" (
	"order_id" text NOT NULL,
	"other_order_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "order_duplicates_order_id_other_order_id_pk" PRIMARY KEY("order_id","other_order_id"),
	CONSTRAINT "order_duplicates_ordered_pair" CHECK ("order_duplicates"."order_id" < "order_duplicates"."other_order_id")
);
--> statement-breakpoint
ALTER TABLE "order_duplicates" ADD CONSTRAINT "order_duplicates_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_duplicates" ADD CONSTRAINT "order_duplicates_other_order_id_orders_id_fk" FOREIGN KEY ("other_order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_duplicates_other_order_id_idx" ON "order_duplicates" USING btree ("other_order_id");