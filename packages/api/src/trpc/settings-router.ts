import { adminProcedure, protectedProcedure, router } from "./init.ts";

export const settingsRouter = router({
  /** The webhook URL to paste into a WhatsApp provider (everyone) and the key to send with it (admins). */
  integration: protectedProcedure.query(({ ctx }) => ({ webhookUrl: ctx.integration.webhookUrl })),
  /** Why the last webhook deliveries were refused: wrong key, bad signature, unknown format… */
  recentRejects: adminProcedure.query(({ ctx }) => ctx.recentRejects()),
  integrationKey: adminProcedure.query(({ ctx }) => ({ webhookUrl: ctx.integration.webhookUrl, apiKey: ctx.integration.apiKey })),
});
