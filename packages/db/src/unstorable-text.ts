/**
 * Text PostgreSQL refuses to store: a NUL byte (SQLSTATE 22021, character_not_in_repertoire)
 * or `\u0000` inside JSON (22P05, untranslatable_character). Input validation refuses these
 * first; this recognises what slips past it, so it is answered as bad input, not as a crash.
 */
const UNSTORABLE_TEXT_CODES = new Set(["22021", "22P05"]);

/** True when an error (or one of its causes) is the database refusing text it cannot hold. */
export function isUnstorableText(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNSTORABLE_TEXT_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
