import { kpiInput } from "../stats/kpi-period.ts";
import { kpis } from "../stats/kpi-service.ts";
import { overview, overviewInput, queueCounts } from "../stats/stats-service.ts";
import { protectedProcedure, router } from "./init.ts";

export const statsRouter = router({
  queues: protectedProcedure.query(({ ctx }) => queueCounts(ctx.services)),
  overview: protectedProcedure.input(overviewInput.prefault({})).query(({ ctx, input }) => overview(ctx.services, input)),
  /** The same numbers as `GET /api/stats`. */
  kpis: protectedProcedure.input(kpiInput.prefault({})).query(({ ctx, input }) => kpis(ctx.services, input)),
});
