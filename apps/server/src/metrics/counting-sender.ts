import type { OutboundSender } from "@confirma/whatsapp";
import type { ServerMetrics } from "./server-metrics.ts";

/** The sender, counting its sends and its failures by error code (the outbound seam of the metrics). */
export function countingSender(sender: OutboundSender, metrics: ServerMetrics): OutboundSender {
  return {
    name: sender.name,
    provider: sender.provider,
    async send(to, message) {
      const result = await sender.send(to, message);
      if (result.ok) {
        metrics.messages.inc({ direction: "out", status: "sent" });
      } else {
        metrics.messages.inc({ direction: "out", status: "failed" });
        metrics.sendFailures.inc({ provider: sender.provider, code: result.code });
      }
      return result;
    },
  };
}
