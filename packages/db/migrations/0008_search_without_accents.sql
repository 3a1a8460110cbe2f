DROP INDEX "clients_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "clients_name_unaccent_trgm_idx" ON "clients" USING gin (public.immutable_unaccent("name") gin_trgm_ops);