/**
 * An error for the logs without the data it may carry: the class, the code, the first line of
 * the message with any SQL parameters cut off (a failed query's message lists its values, which
 * can be phone numbers or message text), and the top of the stack.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 200) };
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const firstLine = (text: string) => text.split("\n")[0]!.replace(/params:.*$/i, "params: [redacted]").slice(0, 300);
  return {
    name: error.name,
    code: (error as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code,
    message: firstLine(cause?.message ?? error.message),
    stack: error.stack?.split("\n").slice(1, 6).map((line) => line.trim()),
  };
}
