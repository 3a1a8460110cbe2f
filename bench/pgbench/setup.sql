-- Helpers for the pgbench scripts, created in the benchmark database only (dropped with it).
-- Ids like the server's: UUIDv7 text (time-ordered, so inserts append to the btree like uuidv7()).
create or replace function bench_uuidv7() returns text language sql volatile as $$
  select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3) || '-' || substr(r, 7, 12)
  from (select lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') as h,
               md5(random()::text) as r) as parts
$$;
create sequence if not exists bench_message_ids;
