/**
 * A stand-in for a Shopify shop's Admin API on 127.0.0.1 that speaks its protocol:
 * `POST /admin/api/{version}/graphql.json` with `X-Shopify-Access-Token` (401 in Shopify's words
 * without a valid one), the GraphQL document parsed and validated (declared and used variables,
 * required arguments, fields that exist on each type), answers with `data`, `errors[].extensions.code`
 * and `extensions.cost` as Shopify writes them, and the client credentials grant at
 * `POST /admin/oauth/access_token`. It keeps its orders (note, tags, cancelledAt), so what a
 * write-back did can be read back, and it can be told to answer THROTTLED.
 */

type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | { $var: string };

interface Field {
  alias: string;
  name: string;
  args: Record<string, Value>;
  selection: Field[] | null;
}

interface Operation {
  kind: "query" | "mutation";
  name: string | null;
  variables: Map<string, string>;
  fields: Field[];
}

// ---- A small GraphQL reader: enough of the language for what an Admin API client sends. ----

const TOKEN = /\s+|,|#[^\n]*|(\.\.\.|[!$():=@[\]{}|])|([_A-Za-z][_0-9A-Za-z]*)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"\\]|\\.)*")/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const match = TOKEN.exec(source);
    if (!match) throw new GraphqlSyntaxError(`Unexpected character at ${TOKEN.lastIndex}`);
    const token = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}

class GraphqlSyntaxError extends Error {}

function parseOperation(source: string): Operation {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const token = tokens[at++];
    if (token === undefined) throw new GraphqlSyntaxError("Unexpected end of document");
    return token;
  };
  const expect = (token: string) => {
    const got = next();
    if (got !== token) throw new GraphqlSyntaxError(`Expected ${token}, got ${got}`);
  };
  const name = () => {
    const token = next();
    if (!/^[_A-Za-z]/.test(token)) throw new GraphqlSyntaxError(`Expected a name, got ${token}`);
    return token;
  };
  const type = (): string => {
    let text: string;
    if (peek() === "[") {
      next();
      text = `[${type()}]`;
      expect("]");
    } else text = name();
    if (peek() === "!") text += next();
    return text;
  };
  const value = (): Value => {
    const token = next();
    if (token === "$") return { $var: name() };
    if (token.startsWith('"')) return JSON.parse(token) as string;
    if (/^-?\d/.test(token)) return Number(token);
    if (token === "true" || token === "false") return token === "true";
    if (token === "null") return null;
    if (token === "[") {
      const list: Value[] = [];
      while (peek() !== "]") list.push(value());
      next();
      return list;
    }
    if (token === "{") {
      const object: Record<string, Value> = {};
      while (peek() !== "}") {
        const key = name();
        expect(":");
        object[key] = value();
      }
      next();
      return object;
    }
    return token; // an enum value
  };
  const selectionSet = (): Field[] => {
    expect("{");
    const fields: Field[] = [];
    while (peek() !== "}") {
      const alias = name();
      let fieldName = alias;
      if (peek() === ":") {
        next();
        fieldName = name();
      }
      const args: Record<string, Value> = {};
      if (peek() === "(") {
        next();
        while (peek() !== ")") {
          const key = name();
          expect(":");
          args[key] = value();
        }
        next();
      }
      fields.push({ alias, name: fieldName, args, selection: peek() === "{" ? selectionSet() : null });
    }
    next();
    return fields;
  };

  let kind: Operation["kind"] = "query";
  let operationName: string | null = null;
  const variables = new Map<string, string>();
  if (peek() === "query" || peek() === "mutation") {
    kind = next() as Operation["kind"];
    if (peek() !== "(" && peek() !== "{") operationName = name();
    if (peek() === "(") {
      next();
      while (peek() !== ")") {
        expect("$");
        const variable = name();
        expect(":");
        variables.set(variable, type());
        if (peek() === "=") {
          next();
          value();
        }
      }
      next();
    }
  }
  const fields = selectionSet();
  if (at !== tokens.length) throw new GraphqlSyntaxError(`Unexpected ${peek()} after the operation`);
  return { kind, name: operationName, variables, fields };
}

// ---- The part of the Admin schema a write-back touches. ----

/** Field → its object type (null for a scalar), per type. */
const TYPES: Record<string, Record<string, string | null>> = {
  QueryRoot: { order: "Order", shop: "Shop" },
  Mutation: { tagsAdd: "TagsAddPayload", tagsRemove: "TagsRemovePayload", orderUpdate: "OrderUpdatePayload", orderCancel: "OrderCancelPayload" },
  Order: { id: null, name: null, note: null, tags: null, cancelledAt: null, legacyResourceId: null },
  Shop: { ianaTimezone: null, name: null, myshopifyDomain: null },
  Node: { id: null },
  Job: { id: null, done: null },
  UserError: { field: null, message: null },
  OrderCancelUserError: { field: null, message: null, code: null },
  TagsAddPayload: { node: "Node", userErrors: "UserError" },
  TagsRemovePayload: { node: "Node", userErrors: "UserError" },
  OrderUpdatePayload: { order: "Order", userErrors: "UserError" },
  OrderCancelPayload: { job: "Job", orderCancelUserErrors: "OrderCancelUserError", userErrors: "UserError" },
};

const REQUIRED_ARGS: Record<string, string[]> = {
  order: ["id"],
  tagsAdd: ["id", "tags"],
  tagsRemove: ["id", "tags"],
  orderUpdate: ["input"],
  orderCancel: ["orderId", "reason", "restock"],
};
const CANCEL_REASONS = ["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF"];

export interface FakeShopOrder {
  note: string | null;
  tags: string[];
  cancelledAt: string | null;
}

/** One root field the fake ran, with its arguments resolved from the variables. */
export interface ShopifyCall {
  field: string;
  args: Record<string, unknown>;
}

class GraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export function startFakeShopifyAdmin({ shopDomain = "atlas-shop.myshopify.com", timeZone = "Africa/Casablanca" } = {}) {
  const orders = new Map<string, FakeShopOrder>();
  const tokens = new Set<string>();
  const apps = new Map<string, string>();
  const calls: ShopifyCall[] = [];
  const requests: { path: string; token: string | null; version: string | null }[] = [];
  let throttledAnswers = 0;
  let granted = 0;

  const cost = (requested: number, available = 1990) => ({
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: available < requested ? null : requested,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
    },
  });

  function resolveValue(value: Value, variables: Record<string, unknown>, used: Set<string>): unknown {
    if (value && typeof value === "object" && !Array.isArray(value) && "$var" in value) {
      const variable = value.$var as string;
      used.add(variable);
      return variables[variable] ?? null;
    }
    if (Array.isArray(value)) return value.map((item) => resolveValue(item, variables, used));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolveValue(inner, variables, used)]));
    return value;
  }

  /** The requested fields of `value`, as GraphQL answers: only what was asked, checked against the type. */
  function select(typeName: string, selection: Field[] | null, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) return value.map((item) => select(typeName, selection, item));
    if (!selection) throw new GraphqlError(`Field must have selections (field '${typeName}' returns ${typeName} but has no selections)`, "selectionMismatch");
    const fields = TYPES[typeName]!;
    return Object.fromEntries(
      selection.map((field) => {
        if (!(field.name in fields)) throw new GraphqlError(`Field '${field.name}' doesn't exist on type '${typeName}'`, "undefinedField");
        const child = fields[field.name];
        const inner = (value as Record<string, unknown>)[field.name];
        return [field.alias, child ? select(child, field.selection, inner) : (inner ?? null)];
      }),
    );
  }

  const tagList = (tags: unknown) => (Array.isArray(tags) ? tags.map(String) : String(tags ?? "").split(",")).map((tag) => tag.trim()).filter(Boolean);
  const missing = (id: unknown) => ({ node: null, order: null, userErrors: [{ field: ["id"], message: `Order does not exist (${String(id)})` }] });

  function run(field: Field, args: Record<string, unknown>): unknown {
    const lacking = (REQUIRED_ARGS[field.name] ?? []).filter((name) => args[name] === undefined || args[name] === null);
    if (lacking.length) throw new GraphqlError(`Field '${field.name}' is missing required arguments: ${lacking.join(", ")}`, "missingRequiredArguments");
    switch (field.name) {
      case "shop":
        return { ianaTimezone: timeZone, name: "Atlas", myshopifyDomain: shopDomain };
      case "order": {
        const order = orders.get(String(args.id));
        return order ? { id: args.id, name: null, legacyResourceId: String(args.id).split("/").pop(), ...order } : null;
      }
      case "tagsAdd":
      case "tagsRemove": {
        const order = orders.get(String(args.id));
        if (!order) return missing(args.id);
        const tags = tagList(args.tags);
        order.tags = field.name === "tagsAdd" ? [...new Set([...order.tags, ...tags])] : order.tags.filter((tag) => !tags.includes(tag));
        return { node: { id: args.id }, userErrors: [] };
      }
      case "orderUpdate": {
        const input = args.input as Record<string, unknown>;
        const order = orders.get(String(input.id));
        if (!order) return missing(input.id);
        if (typeof input.note === "string") order.note = input.note;
        return { order: { id: input.id, ...order }, userErrors: [] };
      }
      case "orderCancel": {
        if (!CANCEL_REASONS.includes(String(args.reason)))
          throw new GraphqlError(`Argument 'reason' on Field 'orderCancel' has an invalid value (${String(args.reason)})`, "argumentLiteralsIncompatible");
        const order = orders.get(String(args.orderId));
        if (!order) return { job: null, orderCancelUserErrors: [{ field: ["orderId"], message: "Order does not exist", code: "NOT_FOUND" }], userErrors: [] };
        if (order.cancelledAt)
          return { job: null, orderCancelUserErrors: [{ field: ["orderId"], message: "Order has already been cancelled", code: "INVALID" }], userErrors: [] };
        order.cancelledAt = new Date().toISOString();
        return { job: { id: `gid://shopify/Job/${calls.length}`, done: false }, orderCancelUserErrors: [], userErrors: [] };
      }
    }
    throw new GraphqlError(`Field '${field.name}' doesn't exist`, "undefinedField");
  }

  function graphql(body: { query?: unknown; variables?: unknown }) {
    let operation: Operation;
    try {
      operation = parseOperation(String(body.query ?? ""));
    } catch (error) {
      return { errors: [{ message: (error as Error).message, extensions: { code: "syntaxError" } }] };
    }
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const used = new Set<string>();
    const resolved = operation.fields.map((field) => ({
      field,
      args: Object.fromEntries(Object.entries(field.args).map(([key, value]) => [key, resolveValue(value, variables, used)])),
    }));
    const label = operation.name ?? "anonymous";
    const problems = [
      ...[...used].filter((name) => !operation.variables.has(name)).map((name) => `Variable $${name} is used by ${label} but not declared`),
      ...[...operation.variables.keys()].filter((name) => !used.has(name)).map((name) => `Variable $${name} is declared by ${label} but not used`),
      ...[...operation.variables]
        .filter(([name, type]) => type.endsWith("!") && (variables[name] === undefined || variables[name] === null))
        .map(([name, type]) => `Variable $${name} of type ${type} was provided invalid value`),
    ];
    if (problems.length) return { errors: problems.map((message) => ({ message, extensions: { code: "variableMismatch" } })) };
    const root = operation.kind === "mutation" ? "Mutation" : "QueryRoot";
    const requested = operation.kind === "mutation" ? 10 * resolved.length : resolved.length + 1;
    if (throttledAnswers > 0) {
      throttledAnswers--;
      return {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: cost(requested, 4),
      };
    }
    try {
      const data: Record<string, unknown> = {};
      for (const { field, args } of resolved) {
        if (!(field.name in TYPES[root]!)) throw new GraphqlError(`Field '${field.name}' doesn't exist on type '${root}'`, "undefinedField");
        if (operation.kind === "mutation") calls.push({ field: field.name, args });
        data[field.alias] = select(TYPES[root]![field.name]!, field.selection, run(field, args));
      }
      return { data, extensions: cost(requested) };
    } catch (error) {
      if (!(error instanceof GraphqlError)) throw error;
      return { errors: [{ message: error.message, extensions: { code: error.code } }] };
    }
  }

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const url = new URL(request.url);
      const token = request.headers.get("x-shopify-access-token");
      if (request.method === "POST" && url.pathname === "/admin/oauth/access_token") {
        requests.push({ path: url.pathname, token: null, version: null });
        const form = new URLSearchParams(await request.text());
        const clientId = form.get("client_id") ?? "";
        if (form.get("grant_type") !== "client_credentials" || !apps.has(clientId) || apps.get(clientId) !== form.get("client_secret")) {
          return Response.json({ error: "invalid_client", error_description: "Client authentication failed" }, { status: 400 });
        }
        const issued = `shpat_granted_${++granted}`;
        tokens.add(issued);
        return Response.json({ access_token: issued, scope: "read_orders,write_orders", expires_in: 86399 });
      }
      const version = url.pathname.match(/^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/)?.[1] ?? null;
      requests.push({ path: url.pathname, token, version });
      if (request.method !== "POST" || !version) return Response.json({ errors: "Not Found" }, { status: 404 });
      if (!token || !tokens.has(token)) {
        return Response.json({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, { status: 401 });
      }
      if (!request.headers.get("content-type")?.includes("application/json")) return Response.json({ errors: "Unsupported Media Type" }, { status: 415 });
      return Response.json(graphql((await request.json()) as { query?: unknown; variables?: unknown }));
    },
  });

  return {
    url: `http://127.0.0.1:${server.port}`,
    /** Mutation fields run, in order, with their arguments. */
    calls,
    /** Every HTTP request, with the token it carried. */
    requests,
    orders,
    /** An order of the shop, by REST id. */
    addOrder(id: string | number, order: Partial<FakeShopOrder> = {}) {
      orders.set(`gid://shopify/Order/${id}`, { note: null, tags: [], cancelledAt: null, ...order });
    },
    order: (id: string | number) => orders.get(`gid://shopify/Order/${id}`),
    acceptToken: (token: string) => void tokens.add(token),
    revokeToken: (token: string) => void tokens.delete(token),
    /** An app from the Dev Dashboard installed on the shop: its client credentials grant tokens. */
    installApp: (clientId: string, clientSecret: string) => void apps.set(clientId, clientSecret),
    /** The next `count` GraphQL requests are answered THROTTLED. */
    throttle(count = 1) {
      throttledAnswers = count;
    },
    stop: () => server.stop(true),
  };
}

export type FakeShopifyAdmin = ReturnType<typeof startFakeShopifyAdmin>;
