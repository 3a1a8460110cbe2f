import { z } from "zod";
import { orderFiltersShape } from "../order-schemas.ts";
import { EXPORT_LANGUAGES } from "./export-columns.ts";
import { isTimeZone } from "./local-time.ts";

export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `GET /api/orders/export`: the list's filters, the format, the column language and the time zone of the dates. */
export const exportOrdersInput = z.strictObject({
  ...orderFiltersShape,
  format: z.enum(EXPORT_FORMATS).default("xlsx"),
  lang: z.enum(EXPORT_LANGUAGES).default("fr"),
  /** IANA zone the dates are written in (`Europe/Paris`); UTC when not given. */
  tz: z.string().max(64).refine(isTimeZone, "not a time zone this server knows (IANA name like Europe/Paris)").default("UTC"),
});

export type ExportOrdersInput = z.output<typeof exportOrdersInput>;
