import { z } from "zod";
import { safeText } from "./safe-text.ts";

/** An entity id as a caller passes it (orders, clients, messages, users). */
export const idInput = safeText().min(1).max(64);

/** A page size: 1 to 200, 50 when not given. */
export const listLimit = z.coerce.number().int().min(1).max(200).default(50);
