import { createSignal } from "solid-js";
import { t } from "../i18n/locale.ts";
import { notify } from "./toasts.tsx";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (insecure origin, permissions): the old way.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyButton(props: { text: string; label?: string }) {
  const [copied, setCopied] = createSignal(false);
  return (
    <button
      type="button"
      class="button button--small"
      aria-label={props.label ? t("common.copyWhat", { what: props.label }) : t("common.copy")}
      onClick={async () => {
        if (await copyText(props.text)) {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } else notify(t("common.copyFailed"), "error");
      }}
    >
      {copied() ? t("common.copied") : t("common.copy")}
    </button>
  );
}
