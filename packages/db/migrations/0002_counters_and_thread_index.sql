CREATE TABLE "stat_counters" (
	"metric" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"slot" integer NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "stat_counters_metric_bucket_slot_pk" PRIMARY KEY("metric","bucket","slot")
);
--> statement-breakpoint
DROP INDEX "messages_client_id_id_idx";--> statement-breakpoint
CREATE INDEX "messages_client_id_id_idx" ON "messages" USING btree ("client_id","id");