/** What a start-up has to tell the person who ran it. */
export interface StartupFacts {
  /** Where to open the dashboard. */
  url: string;
  /** The first admin, when this start created it with a generated password. */
  firstAdmin?: { email: string; generatedPassword?: string } | null;
  /** The integration key, when this start generated it (stored under `dataDir`). */
  generatedKey?: string | null;
  dataDir: string;
}

/** The address the server answers on, as a browser on this machine would open it. */
export function listeningUrl(host: string, port: number): string {
  const local = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${local}:${port}`;
}

/** The generated key, for logs read by machines (stderr, between the JSON lines). */
export function generatedKeyBanner(key: string, dataDir: string): string {
  return `\nConfirma generated an integration key (stored in ${dataDir}/secrets.json, shown this once):\n\n  WHATSAPP_API_KEY=${key}\n\nSend it as the x-api-key header from your WhatsApp provider and integrations.\n`;
}

/** The generated admin password, for logs read by machines (stderr, between the JSON lines). */
export function firstAdminBanner(email: string, password: string): string {
  return `\nConfirma created the first dashboard admin (shown this once; change it in the dashboard):\n\n  email:    ${email}\n  password: ${password}\n`;
}

/**
 * The block a person sees at the end of start-up on a terminal: the address to open, then the
 * admin's password and the integration key when this start generated them (shown this once).
 */
export function startupNotice({ url, firstAdmin, generatedKey, dataDir }: StartupFacts): string {
  const lines = ["", `  Confirma is running: open ${url}`, ""];
  if (firstAdmin?.generatedPassword) {
    lines.push(
      "  Sign in as the first admin (shown this once; change the password in the dashboard):",
      `    email:     ${firstAdmin.email}`,
      `    password:  ${firstAdmin.generatedPassword}`,
      "",
    );
  }
  if (generatedKey) {
    lines.push(
      `  Integration key (stored in ${dataDir}/secrets.json, shown this once):`,
      `    WHATSAPP_API_KEY=${generatedKey}`,
      "  Send it as the x-api-key header from your WhatsApp provider and integrations.",
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}
