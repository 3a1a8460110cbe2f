import { createEffect, createSignal, onCleanup, type Accessor } from "solid-js";
import { t } from "../i18n/locale.ts";
import { alertsFor, callBackDelay, SOUND_PREFERENCE_KEY, titleFor, type QueueAlert, type QueueSnapshot } from "./queue-alerts.ts";

type Permission = NotificationPermission | "unsupported";

const supported = () => typeof window !== "undefined" && "Notification" in window;
const [permission, setPermission] = createSignal<Permission>(supported() ? Notification.permission : "unsupported");
const storedSound = () => {
  try {
    return localStorage.getItem(SOUND_PREFERENCE_KEY) === "on";
  } catch {
    return false;
  }
};
const [sound, setSoundSignal] = createSignal(storedSound());

/** Whether desktop notifications are allowed, refused, not asked yet, or impossible in this browser. */
export const notificationPermission: Accessor<Permission> = permission;
/** Whether a short sound plays with each notification (a choice kept in this browser). */
export const soundEnabled: Accessor<boolean> = sound;

/** Asks the browser for permission; call it from a click (browsers ignore a request without a user gesture). */
export async function askNotificationPermission(): Promise<Permission> {
  if (!supported()) return "unsupported";
  const answer = await Notification.requestPermission();
  setPermission(answer);
  return answer;
}

export function setSoundEnabled(on: boolean): void {
  setSoundSignal(on);
  try {
    localStorage.setItem(SOUND_PREFERENCE_KEY, on ? "on" : "off");
  } catch {
    // Private browsing without storage: the choice lasts for this page.
  }
}

function beep(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
    tone.onended = () => void audio.close();
  } catch {
    // No audio output: the notification itself is enough.
  }
}

function show(alert: QueueAlert): void {
  if (sound()) beep();
  if (!supported() || Notification.permission !== "granted") return;
  const [title, body, path] =
    alert.kind === "review"
      ? [t("notify.review.title"), t("notify.waiting", { count: alert.waiting }), "/review"]
      : alert.kind === "calls"
        ? [t("notify.calls.title"), t("notify.waiting", { count: alert.waiting }), "/calls"]
        : [t("notify.callBack.title"), t("notify.callBack.body"), "/calls?reason=call_back"];
  // One notification per queue (a tag replaces the previous one); no customer data on the screen.
  const notification = new Notification(title, { body, tag: `confirma-${alert.kind}` });
  notification.onclick = () => {
    window.focus();
    if (location.pathname + location.search !== path) location.assign(path);
    notification.close();
  };
}

/**
 * Keeps the tab title at `(N) Confirma` and notifies (and beeps, when chosen) when an order enters
 * the review or call queue, and when a planned call-back falls due. Runs inside the shell, from
 * the live queue sizes it already fetches; `refetch` re-reads them when a call-back falls due.
 */
export function useQueueNotifier(snapshot: Accessor<QueueSnapshot | undefined>, refetch: () => void): void {
  let previous: QueueSnapshot | null = null;
  createEffect(() => {
    const live = snapshot();
    if (!live) return;
    // A plain copy: the query reconciles into the same store object, which `previous` must not follow.
    const next: QueueSnapshot = { review: live.review, calls: live.calls, nextCallBackAt: live.nextCallBackAt };
    document.title = titleFor(next);
    for (const alert of alertsFor(previous, next)) show(alert);
    previous = next;
  });
  createEffect(() => {
    const delay = callBackDelay(snapshot()?.nextCallBackAt ?? null, Date.now());
    if (delay === null) return;
    const timer = setTimeout(() => {
      show({ kind: "callBack" });
      refetch();
    }, delay);
    onCleanup(() => clearTimeout(timer));
  });
  onCleanup(() => {
    document.title = titleFor(null);
  });
}
