import { createRoot, createSignal } from "solid-js";
import { api } from "../api/client.ts";
import { errorMessageKey } from "../api/errors.ts";
import type { MessageKey } from "../i18n/translate.ts";
import { createChangeBus } from "./change-bus.ts";

export type LiveState = "connecting" | "live" | "reconnecting" | "offline";

const [liveState, setLiveState] = createRoot(() => createSignal<LiveState>("offline"));
const [liveError, setLiveError] = createRoot(() => createSignal<MessageKey | null>(null));

/** The state of the live connection and why it ended, if the server said (reactive), for the header's indicator. */
export { liveError, liveState };

/** Every visible list listens here to refetch what a committed change touched. */
export const changes = createChangeBus({ debounceMs: 150 });

let stopCurrent: (() => void) | undefined;

/**
 * Opens the live change feed (SSE). The link reconnects by itself and resumes from the last
 * event id; after a reconnect every listener refreshes once, in case the server restarted and
 * could not replay.
 */
export function startLive(): void {
  stopLive();
  let hadConnection = false;
  setLiveError(null);
  setLiveState("connecting");
  const subscription = api.events.onChange.subscribe(
    {},
    {
      onStarted: () => {
        if (hadConnection) changes.refreshAll();
        hadConnection = true;
        setLiveState("live");
      },
      onData: (tracked) => {
        setLiveState("live");
        changes.publish(tracked.data);
      },
      onConnectionStateChange: (state) => {
        if (state.state === "connecting") setLiveState(hadConnection ? "reconnecting" : "connecting");
        else if (state.state === "pending") setLiveState("live");
      },
      onError: (error) => {
        setLiveError(errorMessageKey(error));
        setLiveState("offline");
      },
      onStopped: () => setLiveState("offline"),
    },
  );
  stopCurrent = () => subscription.unsubscribe();
}

export function stopLive(): void {
  stopCurrent?.();
  stopCurrent = undefined;
  setLiveState("offline");
}
