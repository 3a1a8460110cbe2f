#!/usr/bin/env bun
import { backupCommand } from "./commands/backup.ts";
import { createAdminCommand } from "./commands/create-admin.ts";
import { doctorCommand } from "./commands/doctor.ts";
import { moveToPostgresCommand } from "./commands/move-to-postgres.ts";
import { pruneCommand } from "./commands/prune.ts";
import { resetPasswordCommand } from "./commands/reset-password.ts";
import { restoreCommand } from "./commands/restore.ts";
import { rotateKeyCommand } from "./commands/rotate-key.ts";
import { startCommand } from "./commands/start.ts";
import { type Command, CommandFailure, EXIT, parseCommandLine, UsageError } from "./command.ts";
import { errorLine } from "./command-context.ts";

const COMMANDS: Command[] = [
  startCommand,
  createAdminCommand,
  resetPasswordCommand,
  rotateKeyCommand,
  backupCommand,
  restoreCommand,
  moveToPostgresCommand,
  pruneCommand,
  doctorCommand,
];

const HELP = `usage: confirma <command> [options]

${COMMANDS.map((command) => `  ${command.name.padEnd(18)}${command.summary}`).join("\n")}

Every command reads the server's configuration (environment variables and .env: DATA_DIR,
DATABASE_URL, …). \`confirma <command> --help\` tells more. Exit codes: 0 done, 1 failed,
2 wrong arguments.`;

/** Runs `confirma <command> …` and resolves to the exit code; errors are one line on stderr. */
async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? console.error : console.log)(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`confirma: unknown command ${JSON.stringify(name)} (see confirma --help)`);
    return EXIT.usage;
  }
  try {
    const input = parseCommandLine(command, rest);
    if (!input) {
      console.log(command.help);
      return EXIT.ok;
    }
    return (await command.run(input)) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`confirma ${command.name}: ${error.message} (see confirma ${command.name} --help)`);
      return EXIT.usage;
    }
    console.error(`confirma ${command.name}: ${error instanceof CommandFailure ? error.message : errorLine(error)}`);
    return EXIT.failure;
  }
}

process.exit(await main(Bun.argv.slice(2)));
