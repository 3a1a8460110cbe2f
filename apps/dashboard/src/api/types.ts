import type { AppRouter } from "@confirma/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

/** What the API returns and accepts, inferred from the server's router (types only). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type Order = RouterOutputs["orders"]["list"]["items"][number];
export type OrderStatus = Order["status"];
export type Client = RouterOutputs["clients"]["list"]["items"][number];
export type ClientDetail = RouterOutputs["clients"]["get"];
export type ClientStatus = Client["status"];
export type Message = RouterOutputs["messages"]["list"]["items"][number];
export type MessageStatus = Message["status"];
export type ServiceWindow = RouterOutputs["messages"]["window"];
export type Overview = RouterOutputs["stats"]["overview"];
export type Kpis = RouterOutputs["stats"]["kpis"];
export type { AgentRow, KpiRow } from "@confirma/api";
export type QueueCounts = RouterOutputs["stats"]["queues"];
export type User = RouterOutputs["users"]["list"][number];
export type UserRole = User["role"];
export type SessionUser = NonNullable<RouterOutputs["auth"]["me"]["user"]>;
/** One committed change, as the live feed delivers it. */
export type { ChangeEventView as ChangeEvent } from "@confirma/api";
export type ListOrdersInput = Exclude<RouterInputs["orders"]["list"], void | undefined>;
export type ProductLineInput = RouterInputs["orders"]["create"]["products"][number];

export type CallQueueItem = RouterOutputs["calls"]["queue"]["items"][number];
export type CallReason = NonNullable<CallQueueItem["callReason"]>;
export type CallOutcomeEntry = RouterOutputs["calls"]["outcomes"][number];
export type CallOutcome = RouterInputs["calls"]["recordOutcome"]["outcome"];
export type RecordOutcomeInput = RouterInputs["calls"]["recordOutcome"];

export type Integration = RouterOutputs["settings"]["integration"];
export type ConfirmationSettings = RouterInputs["settings"]["updateConfirmation"];
export type ConfirmationSettingsView = RouterOutputs["settings"]["confirmation"];
export type MessageLanguage = ConfirmationSettings["language"];
export type MessageTexts = ConfirmationSettingsView["defaultTexts"][MessageLanguage];
export type RecentReject = RouterOutputs["settings"]["recentRejects"][number];
export type AuditEvent = RouterOutputs["audit"]["events"]["items"][number];
export type StatusChange = RouterOutputs["audit"]["statusChanges"]["items"][number];

export type Store = RouterOutputs["stores"]["list"][number];
export type StorePlatform = Store["platform"];
export type StoreConfirmMode = Store["confirm"];
export type CreatedStore = RouterOutputs["stores"]["create"];
export type CreateStoreInput = RouterInputs["stores"]["create"];
export type UpdateStoreChanges = RouterInputs["stores"]["update"]["changes"];
export type ShippingAddress = NonNullable<Order["shippingAddress"]>;
export type UpdateOrderDetailsInput = RouterInputs["orders"]["updateDetails"];
/** An order's recorded change besides its status (details corrected, changed in the store). */
export type OrderEvent = RouterOutputs["audit"]["orderEvents"]["items"][number];
export type CatalogueProduct = RouterOutputs["orders"]["products"][number];
