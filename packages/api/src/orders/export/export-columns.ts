import type { OrderStatus } from "@confirma/domain";
import type { OrderView } from "../order-view.ts";

export const EXPORT_LANGUAGES = ["fr", "en"] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** The kinds of cell a column holds; each format writes each kind its own way. */
export type ExportCell =
  | { kind: "text"; value: string }
  /** An E.164 number or whatever the customer gave: always text, never a number. */
  | { kind: "phone"; value: string }
  | { kind: "date"; value: Date }
  | { kind: "money"; value: number; currency: string };

const HEADERS = {
  fr: {
    createdAt: "Date de création",
    number: "Commande",
    client: "Client",
    phone: "Téléphone",
    status: "Statut",
    statusDate: "Date du statut",
    total: "Total",
    currency: "Devise",
    products: "Produits",
    city: "Ville",
    address: "Adresse",
    needsReview: "À vérifier",
    store: "Boutique",
    externalNumber: "N° dans la boutique",
    id: "Identifiant",
  },
  en: {
    createdAt: "Created",
    number: "Order",
    client: "Client",
    phone: "Phone",
    status: "Status",
    statusDate: "Status date",
    total: "Total",
    currency: "Currency",
    products: "Products",
    city: "City",
    address: "Address",
    needsReview: "To review",
    store: "Store",
    externalNumber: "Store order number",
    id: "ID",
  },
} as const satisfies Record<ExportLanguage, Record<string, string>>;

/** The dashboard's status names (`apps/dashboard/src/i18n`), so a file reads like the screen. */
const STATUS_LABELS: Record<ExportLanguage, Record<OrderStatus, string>> = {
  fr: {
    pending: "En attente",
    confirmed: "Confirmée",
    cancelled: "Annulée",
    no_answer: "Sans réponse",
    shipped: "Expédiée",
    delivered: "Livrée",
    returned: "Retournée",
  },
  en: {
    pending: "Pending",
    confirmed: "Confirmed",
    cancelled: "Cancelled",
    no_answer: "No answer",
    shipped: "Shipped",
    delivered: "Delivered",
    returned: "Returned",
  },
};

const YES_NO = { fr: ["oui", "non"], en: ["yes", "no"] } as const;

export type ExportColumn = keyof (typeof HEADERS)["fr"];

/** The columns in file order: the dashboard's `#74A1CE` first, the full id last. */
export const EXPORT_COLUMNS = Object.keys(HEADERS.fr) as ExportColumn[];

export function exportHeaders(language: ExportLanguage): string[] {
  return EXPORT_COLUMNS.map((column) => HEADERS[language][column]);
}

/** `#74A1CE`: the order's number as the dashboard shows it. */
export function humanOrderNumber(id: string): string {
  return `#${id.slice(-6).toUpperCase()}`;
}

/** One line of the address (lines and postcode; the city has its own column). */
function addressLine(address: OrderView["shippingAddress"]): string {
  if (!address) return "";
  return [address.address1, address.address2, address.postcode, address.region, address.country].filter(Boolean).join(", ");
}

/** The cells of one order, in `EXPORT_COLUMNS` order. */
export function exportRow(order: OrderView, language: ExportLanguage): ExportCell[] {
  const text = (value: string | null | undefined): ExportCell => ({ kind: "text", value: value ?? "" });
  const cells: Record<ExportColumn, ExportCell> = {
    createdAt: { kind: "date", value: new Date(order.createdAt) },
    number: text(humanOrderNumber(order.id)),
    client: text(order.client?.name ?? order.shippingAddress?.name),
    phone: { kind: "phone", value: order.client?.phoneNumber ?? order.shippingAddress?.phone ?? "" },
    status: text(STATUS_LABELS[language][order.status]),
    statusDate: { kind: "date", value: new Date(order.statusChangedAt ?? order.createdAt) },
    total: { kind: "money", value: order.total, currency: order.currency },
    currency: text(order.currency),
    products: text(order.products.map((product) => `${product.quantity} × ${product.name}`).join(", ")),
    city: text(order.shippingAddress?.city),
    address: text(addressLine(order.shippingAddress)),
    needsReview: text(YES_NO[language][order.needsReview ? 0 : 1]),
    store: text(order.store?.name),
    externalNumber: text(order.externalNumber),
    id: text(order.id),
  };
  return EXPORT_COLUMNS.map((column) => cells[column]);
}
