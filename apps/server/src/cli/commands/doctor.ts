import { ConfigError, loadConfig, type Config } from "../../config/config.ts";
import type { Command } from "../command.ts";
import { type Check, ok, problem } from "../doctor/check.ts";
import { checkDatabase, checkDataDir, checkIntegrationKey } from "../doctor/local-checks.ts";
import { checkProvider } from "../doctor/provider-check.ts";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "check the configuration, DATA_DIR, the database, the key and the WhatsApp provider",
  help: `usage: confirma doctor

Checks, with the server's configuration, and says in plain words what is wrong:
  - configuration: every variable valid;
  - DATA_DIR: writable, private, free space above MIN_FREE_SPACE;
  - database: reachable, migrations applied (with the embedded database and the server
    running, the server is asked through /readyz instead);
  - integration key: present and private;
  - WhatsApp sending: the provider's credentials, with a call that sends nothing (Meta: reads
    the phone number; Evolution: reads the instance's connection state).

Exit codes: 0 nothing wrong, 1 at least one problem.`,
  async run() {
    const checks: Check[] = [];
    const print = (check: Check) => {
      checks.push(check);
      console.log(`${check.ok ? "ok     " : "PROBLEM"}  ${check.name}: ${check.detail}`);
    };
    let config: Config;
    try {
      config = loadConfig(process.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      print(problem("configuration", error.message));
      console.log("\nFix the configuration first: the other checks need it.");
      return 1;
    }
    print(ok("configuration", `valid (${config.DATABASE_URL ? "PostgreSQL" : "embedded database"}, WHATSAPP_SENDER=${config.WHATSAPP_SENDER})`));
    print(checkDataDir(config));
    print(await checkDatabase(config));
    print(checkIntegrationKey(config));
    print(await checkProvider(config));
    const problems = checks.filter((check) => !check.ok).length;
    console.log(problems === 0 ? "\nNothing wrong found." : `\n${problems === 1 ? "1 problem" : `${problems} problems`} found.`);
    return problems === 0 ? 0 : 1;
  },
};
