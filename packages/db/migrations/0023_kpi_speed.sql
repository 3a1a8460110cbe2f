CREATE TABLE "kpi_hourly_counters" (
	"bucket" timestamp with time zone NOT NULL,
	"store_id" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"slot" integer NOT NULL,
	"orders" bigint NOT NULL,
	"amount_minor" bigint NOT NULL,
	CONSTRAINT "kpi_hourly_counters_bucket_store_id_status_currency_slot_pk" PRIMARY KEY("bucket","store_id","status","currency","slot")
);
