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
export type Overview = RouterOutputs["stats"]["overview"];
export type User = RouterOutputs["users"]["list"][number];
export type UserRole = User["role"];
export type SessionUser = NonNullable<RouterOutputs["auth"]["me"]["user"]>;
/** One committed change, as the live feed delivers it. */
export type { ChangeEventView as ChangeEvent } from "@confirma/api";
export type ListOrdersInput = Exclude<RouterInputs["orders"]["list"], void | undefined>;
export type ProductLineInput = RouterInputs["orders"]["create"]["products"][number];
