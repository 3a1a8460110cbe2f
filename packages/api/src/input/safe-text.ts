import { z } from "zod";

/** C0 controls, DEL and C1 controls: never part of a name, an id or a search. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less tab, line feed and carriage return, which a multi-line text may hold. */
const CONTROL_IN_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * A text input as the database can store it and screens can show it: no control characters
 * (C0, DEL, C1; NUL among them, which PostgreSQL text cannot hold) and no lone UTF-16
 * surrogates. `multiline` lets tab, line feed and carriage return through; `trim` trims
 * before checking, so a trailing line break is dropped rather than refused. Refusals are zod
 * issues: 400 `invalid_input` over REST, BAD_REQUEST over tRPC, nothing written.
 *
 * @example const name = safeText({ trim: true }).min(1).max(200);
 */
export function safeText({ multiline = false, trim = false }: { multiline?: boolean; trim?: boolean } = {}) {
  const forbidden = multiline ? CONTROL_IN_MULTILINE : CONTROL;
  return (trim ? z.string().trim() : z.string()).superRefine((value, context) => {
    const found = forbidden.exec(value);
    if (found) {
      const codePoint = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      context.addIssue({ code: "custom", message: `contains the control character U+${codePoint} (position ${found.index + 1})` });
    } else if (!value.isWellFormed()) {
      context.addIssue({ code: "custom", message: "is not valid Unicode text (a lone surrogate)" });
    }
  });
}
