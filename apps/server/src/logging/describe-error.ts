/**
 * The one way an error reaches the logs: what it is and where it came from, never the data it
 * carries. A failed query's message and stack list its parameters (password hashes, e-mails,
 * phone numbers, message text), a driver error keeps the query and the failing row, a product
 * error quotes the input it refused: none of that is copied. What is kept, per error in the
 * `cause` chain:
 * - `name`, and `code` (a SQLSTATE like `23505`, a system code like `ECONNREFUSED`, a product code);
 * - for a database error, the `constraint`, `table`, `column` and `routine` it names;
 * - for a product error, the paths and texts of the validation issues (ours, never the input);
 * - for any other error, the first line of its message with quoted text, e-mails and long
 *   numbers blanked, and everything after `params` cut;
 * - the stack frames (`at …` lines) of the outermost error, unless it is an expected product error.
 *
 * @example logger.error("unhandled error", { requestId, err: describeError(error) })
 */
export function describeError(error: unknown): Record<string, unknown> {
  return describeLevel(error, 0) ?? {};
}

const MAX_DEPTH = 4;

function describeLevel(error: unknown, depth: number): Record<string, unknown> | undefined {
  if (error === undefined || error === null || depth > MAX_DEPTH) return undefined;
  if (typeof error !== "object") return { thrown: typeof error, message: scrub(String(error)) };
  const fields = error as Record<string, unknown>;
  const name = error instanceof Error ? error.name : (error.constructor?.name ?? "object");
  const code = safeCode(fields.code);
  const description: Record<string, unknown> = { name, ...(code ? { code } : {}) };

  if (isDatabaseError(fields, code)) {
    for (const [key, value] of Object.entries(DATABASE_NAMES)) {
      const found = value.map((field) => fields[field]).find((item) => typeof item === "string" && item !== "");
      if (typeof found === "string") description[key] = found.slice(0, 120);
    }
  } else if (isQueryError(fields)) {
    // drizzle's wrapper: the message is the SQL and its parameters; the cause says what went wrong.
  } else if (name === "DomainError") {
    const issues = Array.isArray(fields.details) ? fields.details.filter(isIssue).map((issue) => scrub(`${issue.path}: ${issue.message}`)) : [];
    if (issues.length > 0) description.issues = issues.slice(0, 10);
  } else if (name === "TRPCError") {
    // tRPC's own messages are fixed texts or copies of its cause's message.
  } else if (typeof fields.message === "string" && fields.message !== "") {
    description.message = scrub(fields.message);
  }

  const cause = describeLevel(fields.cause, depth + 1);
  if (cause) description.cause = cause;
  if (depth === 0 && name !== "DomainError") {
    const stack = framesOf(error, messagesOf(error)) ?? framesOf(fields.cause, messagesOf(error));
    if (stack) description.stack = stack;
  }
  return description;
}

/** The fields PostgreSQL errors name things in: postgres.js spells them `*_name`, PGlite without. */
const DATABASE_NAMES: Record<string, string[]> = {
  constraint: ["constraint_name", "constraint"],
  table: ["table_name", "table"],
  column: ["column_name", "column"],
  routine: ["routine"],
};

function isDatabaseError(fields: Record<string, unknown>, code: string | undefined): boolean {
  return (code !== undefined && /^[0-9A-Z]{5}$/.test(code) && "severity" in fields) || fields.name === "PostgresError";
}

function isQueryError(fields: Record<string, unknown>): boolean {
  return ("query" in fields && "params" in fields) || (typeof fields.message === "string" && fields.message.startsWith("Failed query"));
}

function isIssue(value: unknown): value is { path: string; message: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { path?: unknown }).path === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

function safeCode(code: unknown): string | undefined {
  if (typeof code === "number") return String(code);
  return typeof code === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(code) ? code : undefined;
}

/** Every message in the cause chain: a stack starts with one of them, its own or one it inherited. */
function messagesOf(error: unknown): string[] {
  const messages: string[] = [];
  for (let current = error, depth = 0; current && typeof current === "object" && depth <= MAX_DEPTH; depth++) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && message !== "") messages.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return messages;
}

/** The top stack frames, without the message a stack starts with (it may hold parameters). */
function framesOf(error: unknown, messages: string[]): string[] | undefined {
  const raw = (error as { stack?: unknown } | null | undefined)?.stack;
  if (typeof raw !== "string") return undefined;
  const stack = messages.reduce((text, message) => text.replaceAll(message, ""), raw);
  const frames = stack
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^at \S.*(:\d+:\d+\)?|\((native|unknown)[^)]*\))$/.test(line))
    .slice(0, 5);
  return frames.length > 0 ? frames : undefined;
}

/** A message's first line with whatever may be data blanked out. */
function scrub(message: string): string {
  return message
    .split("\n")[0]!
    .replace(/\bparams?\b.*$/i, "[…]")
    .replace(/"[^"]*"|'[^']*'|`[^`]*`|«[^»]*»/g, (quoted) => `${quoted[0]}…${quoted.at(-1)}`)
    .replace(/[^\s@]+@[^\s@]+/g, "…@…")
    .replace(/\+?\d[\d\s().-]{4,}\d/g, "…")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .slice(0, 200);
}
