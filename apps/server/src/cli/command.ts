import { parseArgs, type ParseArgsConfig } from "node:util";

/** Exit codes of every command: done, could not be done, asked wrongly. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The command could not do its work; the message is one line saying why (exit 1). */
export class CommandFailure extends Error {}

/** The command line is wrong; the message is one line, followed by a pointer to `--help` (exit 2). */
export class UsageError extends Error {}

export type OptionValues = Record<string, string | boolean | undefined>;

/** One `confirma <name>` command. */
export interface Command {
  name: string;
  /** One line for `confirma --help`. */
  summary: string;
  /** The whole `confirma <name> --help` text, usage line first. */
  help: string;
  /** Options as `node:util` `parseArgs` reads them (`--help` is added to every command). */
  options?: NonNullable<ParseArgsConfig["options"]>;
  /** How many positional arguments the command takes. */
  positionals?: { min: number; max: number };
  /** Does the work; resolves to the exit code (0 when nothing is returned). */
  run(input: { values: OptionValues; positionals: string[] }): Promise<number | undefined>;
}

/** Reads the command's arguments; `null` when `--help` was asked. Throws `UsageError`. */
export function parseCommandLine(command: Command, args: string[]): { values: OptionValues; positionals: string[] } | null {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // node:util's messages name the option and add a hint of their own: keep the first sentence.
    const message = error instanceof Error ? error.message.split(". ")[0]!.replace(/\.$/, "") : String(error);
    throw new UsageError(message.replace(/^Unknown option/, "unknown option").replace(/^Option/, "option"));
  }
  const values = parsed.values as OptionValues;
  if (values.help) return null;
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min) throw new UsageError(`missing argument; usage: ${usageLine(command)}`);
  if (parsed.positionals.length > max) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[max])}; usage: ${usageLine(command)}`);
  return { values, positionals: parsed.positionals };
}

/** The first line of a command's help: `confirma backup <file> [--force]`. */
export function usageLine(command: Command): string {
  return command.help.split("\n")[0]!.replace(/^usage:\s*/i, "");
}

/** An option's text value, or `fallback`. */
export function textOption(values: OptionValues, name: string, fallback?: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : fallback;
}
