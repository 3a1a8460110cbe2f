import { createUser, createUserInput, DomainError, domainErrorFromZod } from "@confirma/api";
import { commandActor, generatePassword, passwordFromStdin } from "../account-input.ts";
import { type Command, CommandFailure, textOption, UsageError } from "../command.ts";
import { readConfig, withDatabase } from "../command-context.ts";

export const createAdminCommand: Command = {
  name: "create-admin",
  summary: "add a dashboard admin (a generated password is printed once)",
  help: `usage: confirma create-admin [--email <email>] [--name <name>] [--password-stdin]

Adds an admin to the dashboard and records it in the audit trail. A password is generated
and printed once, unless --password-stdin gives one (the first line of stdin, at least 10
characters): printf '%s\\n' "$PASSWORD" | confirma create-admin --email ops@shop.example --password-stdin

  --email <email>     the admin's email (default: ADMIN_EMAIL)
  --name <name>       the name shown in the dashboard
  --password-stdin    read the password from stdin instead of generating one

With the embedded database, stop the server first. Exit codes: 0 created, 1 failed
(an existing email, a database that cannot be opened), 2 bad arguments.`,
  options: { email: { type: "string" }, name: { type: "string" }, "password-stdin": { type: "boolean" } },
  async run({ values }) {
    const config = readConfig();
    const email = textOption(values, "email", config.ADMIN_EMAIL);
    if (!email) throw new UsageError("--email is required (or set ADMIN_EMAIL)");
    const generated = values["password-stdin"] ? undefined : generatePassword();
    const password = generated ?? (await passwordFromStdin());
    const parsed = createUserInput.safeParse({ email, name: textOption(values, "name") ?? null, password, role: "admin" });
    if (!parsed.success) throw new UsageError(domainErrorFromZod(parsed.error).message.replaceAll("`", ""));

    const user = await withDatabase(config, "create-admin", async (database) => {
      try {
        return await createUser(database.db, parsed.data, commandActor());
      } catch (error) {
        if (error instanceof DomainError && error.code === "conflict")
          throw new CommandFailure(`${error.message}: use \`confirma reset-password ${parsed.data.email}\` to give it a new password`);
        throw error;
      }
    });
    console.log(`Created the admin ${user.email}.`);
    if (generated) console.log(`Password (shown this once; change it after signing in): ${generated}`);
    return 0;
  },
};
