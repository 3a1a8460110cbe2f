import { loadConfirmationSettings, saveConfirmationSettings, DEFAULT_TEXTS } from "../confirmation/confirmation-settings.ts";
import { confirmationSettingsSchema } from "../confirmation/confirmation-settings-schema.ts";
import { customerRulesSchema, loadCustomerRules, saveCustomerRules } from "../customers/risk-settings.ts";
import { adminProcedure, protectedProcedure, router } from "./init.ts";

export const settingsRouter = router({
  /** The webhook URL to paste into a WhatsApp provider (everyone) and the key to send with it (admins). */
  integration: protectedProcedure.query(({ ctx }) => ({
    webhookUrl: ctx.integration.webhookUrl,
    sender: ctx.outbound.provider,
    defaultCountry: ctx.services.settings.defaultCountry,
    defaultCurrency: ctx.services.settings.defaultCurrency,
  })),
  /** Why the last webhook deliveries were refused: wrong key, bad signature, unknown format… */
  recentRejects: adminProcedure.query(({ ctx }) => ctx.recentRejects()),
  integrationKey: adminProcedure.query(({ ctx }) => ({ webhookUrl: ctx.integration.webhookUrl, apiKey: ctx.integration.apiKey })),
  /** The confirmation flow's timing, quiet hours and message texts, with the built-in texts for reference. */
  confirmation: protectedProcedure.query(async ({ ctx }) => ({
    settings: await loadConfirmationSettings(ctx.services.db, ctx.services.settings.confirmation),
    defaultTexts: DEFAULT_TEXTS,
  })),
  updateConfirmation: adminProcedure.input(confirmationSettingsSchema).mutation(async ({ ctx, input }) => {
    await ctx.services.db.transaction((tx) => saveConfirmationSettings(tx, input, ctx.user.id));
    return loadConfirmationSettings(ctx.services.db, ctx.services.settings.confirmation);
  }),
  /** The risk rules and the duplicate window. */
  customerRules: protectedProcedure.query(({ ctx }) => loadCustomerRules(ctx.services.db)),
  updateCustomerRules: adminProcedure.input(customerRulesSchema).mutation(async ({ ctx, input }) => {
    await ctx.services.db.transaction((tx) => saveCustomerRules(tx, input, ctx.user.id));
    return loadCustomerRules(ctx.services.db);
  }),
});
