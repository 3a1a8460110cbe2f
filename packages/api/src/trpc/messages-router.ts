import { z } from "zod";
import { idInput } from "../input/common-schemas.ts";
import { listMessages, listMessagesInput } from "../messages/message-service.ts";
import { sendAgentMessage, sendMessageInput, serviceWindow } from "../messages/send-message.ts";
import { protectedProcedure, router, userProcedure } from "./init.ts";

export const messagesRouter = router({
  list: protectedProcedure.input(listMessagesInput).query(({ ctx, input }) => listMessages(ctx.services, input)),
  /** Whether free text can be sent to this client now (WhatsApp's 24-hour window). */
  window: protectedProcedure.input(z.strictObject({ clientId: idInput })).query(({ ctx, input }) => serviceWindow(ctx.services, input.clientId)),
  send: userProcedure.input(sendMessageInput).mutation(({ ctx, input }) => sendAgentMessage(ctx.services, input, ctx.actor, ctx.outbound.provider)),
});
