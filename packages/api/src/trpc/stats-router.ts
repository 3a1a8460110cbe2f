import { overview, overviewInput } from "../stats/stats-service.ts";
import { protectedProcedure, router } from "./init.ts";

export const statsRouter = router({
  overview: protectedProcedure.input(overviewInput.prefault({})).query(({ ctx, input }) => overview(ctx.services, input)),
});
