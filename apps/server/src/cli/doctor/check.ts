/** One line of `confirma doctor`: what was checked, and whether it is fine, in plain words. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export const ok = (name: string, detail: string): Check => ({ name, ok: true, detail });
export const problem = (name: string, detail: string): Check => ({ name, ok: false, detail });
