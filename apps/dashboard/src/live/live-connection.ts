import { createRoot, createSignal } from "solid-js";
import { api } from "../api/client.ts";
import { createChangeBus } from "./change-bus.ts";

export type LiveState = "connecting" | "live" | "reconnecting" | "offline";

const [liveState, setLiveState] = createRoot(() => createSignal<LiveState>("offline"));

/** The state of the live connection, for the header's indicator (reactive). */
export { liveState };

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
      onError: () => setLiveState("offline"),
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
