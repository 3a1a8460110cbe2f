import { queryPrepared, type Database } from "@confirma/db";
import { sql } from "drizzle-orm";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What the database-backed gauges read, sampled at most once per `SAMPLE_MS` however often Prometheus scrapes. */
interface DatabaseSample {
  jobsDue: number;
  jobsPending: number;
  oldestDueSeconds: number;
  ordersByStatus: Record<string, number>;
  decided: Record<string, number>;
  connections: Record<string, number>;
}

const SAMPLE_MS = 5_000;

export interface MetricsSources {
  db: Database;
  kind: "pglite" | "postgres";
  /** Connections the pool may open (postgres.js `max`; 1 for the embedded database). */
  poolSize: number;
  /** Live-update subscriptions open in this process. */
  subscriptions: () => number;
  /** Free bytes on DATA_DIR's disk, and the least it must keep (MIN_FREE_SPACE). */
  disk?: { free: () => number; minFreeBytes: number };
}

/**
 * The server's Prometheus metrics, on a registry of its own. Hot paths only add to counters; the
 * few gauges that need the database (job queue, orders, connections) are read when scraped, with
 * one short query cached for a few seconds, so scraping never loads the database.
 */
export class ServerMetrics {
  readonly registry = new Registry();

  readonly webhookDeliveries = new Counter({
    name: "confirma_webhook_deliveries_total",
    help: "WhatsApp webhook deliveries by provider and outcome (accepted, or the error code answered).",
    labelNames: ["provider", "outcome"] as const,
    registers: [this.registry],
  });
  readonly webhookDuration = new Histogram({
    name: "confirma_webhook_duration_seconds",
    help: "Time to authenticate, parse and store a webhook delivery.",
    labelNames: ["provider"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly messages = new Counter({
    name: "confirma_messages_total",
    help: "Messages by direction and status: inbound stored (received), outbound sends (sent, failed) and status callbacks (delivered, read, failed).",
    labelNames: ["direction", "status"] as const,
    registers: [this.registry],
  });
  readonly replies = new Counter({
    name: "confirma_replies_total",
    help: "Customer replies understood by intent (confirm, cancel, unclear).",
    labelNames: ["intent"] as const,
    registers: [this.registry],
  });
  readonly sendFailures = new Counter({
    name: "confirma_outbound_send_failures_total",
    help: "Outbound WhatsApp sends that failed, by provider and error code.",
    labelNames: ["provider", "code"] as const,
    registers: [this.registry],
  });
  readonly jobFailures = new Counter({
    name: "confirma_job_failures_total",
    help: "Background jobs that threw, by kind.",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });
  readonly queryErrors = new Counter({
    name: "confirma_db_query_errors_total",
    help: "Requests that failed on the database, by reason (unreachable, disk_full, …, internal for any other error).",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly pruned = new Counter({
    name: "confirma_pruned_records_total",
    help: "Records removed by retention pruning, by kind.",
    labelNames: ["target"] as const,
    registers: [this.registry],
  });
  readonly pruneRuns = new Counter({
    name: "confirma_prune_runs_total",
    help: "Background pruning runs, by outcome (done, failed).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  private sample: Promise<DatabaseSample> | undefined;
  private sampledAt = -Infinity;

  constructor(private readonly sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    const read = () => this.databaseSample();
    new Gauge({
      name: "confirma_live_subscriptions",
      help: "Live-update subscriptions (dashboards) open on this process.",
      registers: [this.registry],
      collect() {
        this.set(sources.subscriptions());
      },
    });
    if (sources.disk) {
      const disk = sources.disk;
      new Gauge({
        name: "confirma_data_dir_free_bytes",
        help: "Free space on the disk holding DATA_DIR (the embedded database, secrets).",
        registers: [this.registry],
        collect() {
          this.set(disk.free());
        },
      });
      new Gauge({
        name: "confirma_data_dir_min_free_bytes",
        help: "MIN_FREE_SPACE: below it, changes are refused and jobs pause.",
        registers: [this.registry],
        collect() {
          this.set(disk.minFreeBytes);
        },
      });
    }
    new Gauge({
      name: "confirma_jobs_due",
      help: "Pending background jobs whose time has come (the queue's depth).",
      registers: [this.registry],
      async collect() {
        this.set((await read()).jobsDue);
      },
    });
    new Gauge({
      name: "confirma_jobs_pending",
      help: "Pending background jobs, due or scheduled later.",
      registers: [this.registry],
      async collect() {
        this.set((await read()).jobsPending);
      },
    });
    new Gauge({
      name: "confirma_jobs_oldest_due_seconds",
      help: "How late the oldest due job is (0 when none is due): grows when jobs do not run.",
      registers: [this.registry],
      async collect() {
        this.set((await read()).oldestDueSeconds);
      },
    });
    new Gauge({
      name: "confirma_orders",
      help: "Orders by current status.",
      labelNames: ["status"] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [status, n] of Object.entries((await read()).ordersByStatus)) this.set({ status }, n);
      },
    });
    new Counter({
      name: "confirma_confirmation_outcomes_total",
      help: "Orders decided (confirmed, cancelled), counted by the database for every instance.",
      labelNames: ["outcome"] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [outcome, n] of Object.entries((await read()).decided)) this.inc({ outcome }, n);
      },
    });
    new Gauge({
      name: "confirma_db_pool_size",
      help: "Database connections this process may open.",
      labelNames: ["database"] as const,
      registers: [this.registry],
      collect() {
        this.set({ database: sources.kind }, sources.poolSize);
      },
    });
    new Gauge({
      name: "confirma_db_connections",
      help: "Confirma's connections to PostgreSQL (every instance), by state (active, idle, …).",
      labelNames: ["state"] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [state, n] of Object.entries((await read()).connections)) this.set({ state }, n);
      },
    });
  }

  /** The metrics in Prometheus' text format. */
  async text(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }

  /** One round of short queries, shared by the gauges of a scrape and by scrapes within a few seconds. */
  private databaseSample(): Promise<DatabaseSample> {
    const now = performance.now();
    if (this.sample && now - this.sampledAt < SAMPLE_MS) return this.sample;
    this.sampledAt = now;
    this.sample = this.readSample().catch((error: unknown) => {
      this.sampledAt = -Infinity;
      this.queryErrors.inc({ reason: "metrics" });
      throw error;
    });
    return this.sample;
  }

  private async readSample(): Promise<DatabaseSample> {
    const { db } = this.sources;
    const [jobs] = await queryPrepared<{ due: number; pending: number; oldest: number | null }>(
      db,
      sql`select count(*) filter (where run_at <= now())::int as due, count(*)::int as pending,
                 extract(epoch from now() - min(run_at) filter (where run_at <= now()))::float8 as oldest
          from jobs where status = 'pending'`,
    );
    const counters = await queryPrepared<{ metric: string; n: number }>(
      db,
      sql`select metric, sum(n)::float8 as n from stat_counters
          where (metric like 'order_status:%' and bucket = timestamptz 'epoch') or metric like 'orders_decided:%'
          group by metric`,
    );
    const connections =
      this.sources.kind === "postgres"
        ? await queryPrepared<{ state: string; n: number }>(
            db,
            sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity
                where datname = current_database() and application_name = 'confirma' group by 1`,
          )
        : [{ state: "active", n: 1 }];
    const ordersByStatus: Record<string, number> = {};
    const decided: Record<string, number> = { confirmed: 0, cancelled: 0 };
    for (const { metric, n } of counters) {
      if (metric.startsWith("order_status:")) ordersByStatus[metric.slice("order_status:".length)] = Number(n);
      else decided[metric.slice("orders_decided:".length)] = Number(n);
    }
    return {
      jobsDue: jobs?.due ?? 0,
      jobsPending: jobs?.pending ?? 0,
      oldestDueSeconds: Math.max(0, jobs?.oldest ?? 0),
      ordersByStatus,
      decided,
      connections: Object.fromEntries(connections.map((row) => [row.state, Number(row.n)])),
    };
  }
}
