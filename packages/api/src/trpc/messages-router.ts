import { listMessages, listMessagesInput } from "../messages/message-service.ts";
import { protectedProcedure, router } from "./init.ts";

export const messagesRouter = router({
  list: protectedProcedure.input(listMessagesInput).query(({ ctx, input }) => listMessages(ctx.services, input)),
});
