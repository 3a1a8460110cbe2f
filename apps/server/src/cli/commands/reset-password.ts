import { createUserInput, domainErrorFromZod, listUsers, updateUser } from "@confirma/api";
import { commandActor, generatePassword, passwordFromStdin } from "../account-input.ts";
import { type Command, CommandFailure, UsageError } from "../command.ts";
import { readConfig, withDatabase } from "../command-context.ts";

/** The dashboard's rule for a password (at least 10 characters). */
const password = createUserInput.shape.password;

export const resetPasswordCommand: Command = {
  name: "reset-password",
  summary: "give a dashboard user a new password and sign them out everywhere",
  help: `usage: confirma reset-password <email> [--password-stdin]

Gives the dashboard user <email> a new password, ends all their sessions (every browser they
were signed in on) and records the change in the audit trail. The new password is generated
and printed once, unless --password-stdin gives one (the first line of stdin).

  --password-stdin    read the new password from stdin instead of generating one

With the embedded database, stop the server first. Exit codes: 0 done, 1 failed (no such
user, a database that cannot be opened), 2 bad arguments.`,
  options: { "password-stdin": { type: "boolean" } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const config = readConfig();
    const email = positionals[0]!.trim().toLowerCase();
    const generated = values["password-stdin"] ? undefined : generatePassword();
    const chosen = password.safeParse(generated ?? (await passwordFromStdin()));
    if (!chosen.success) throw new UsageError(domainErrorFromZod(chosen.error).message);

    const user = await withDatabase(config, "reset-password", async (database) => {
      const user = (await listUsers(database.db)).find((candidate) => candidate.email.toLowerCase() === email);
      if (!user) throw new CommandFailure(`no dashboard user has the email ${email}`);
      // The same change as an admin's in the dashboard: sessions ended, audit entry written.
      await updateUser(database.db, { id: user.id, password: chosen.data }, commandActor());
      return user;
    });
    console.log(`New password for ${user.email}${generated ? ` (shown this once): ${generated}` : " set."}`);
    console.log(`They were signed out everywhere.${user.disabled ? " This account is disabled: an admin enables it again under Users." : ""}`);
    return 0;
  },
};
