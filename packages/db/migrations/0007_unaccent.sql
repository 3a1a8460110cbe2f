-- Client search ignores accents: "clement" finds "Clément". unaccent() is only STABLE (its
-- dictionary could change), so an index needs an IMMUTABLE wrapper; names are schema-qualified
-- so the function means the same whatever the caller's search_path.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
