interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

/** Where a frame's time goes, by the file it belongs to (native frames: their nearest JS caller's). */
const AREAS: [RegExp, string][] = [
  [/^node:net|^internal:streams|^node:events|^node:stream/, "socket I/O (node:net, as postgres.js uses it)"],
  [/node_modules\/postgres\//, "postgres.js (wire protocol)"],
  [/node_modules\/drizzle-orm\//, "drizzle-orm (building SQL, mapping rows)"],
  [/packages\/whatsapp\/src\/reply-intent\//, "reply understanding"],
  [/libphonenumber-js|phone-number/, "phone number normalisation"],
  [/node_modules\/uuidv7\//, "uuidv7"],
  [/node_modules\/hono\/|apps\/server\//, "HTTP app (Hono, middleware, routes)"],
  [/packages\/(api|db|whatsapp)\//, "services and provider parsing"],
];

export interface ProfileSummary {
  samples: number;
  areas: [string, number][];
  top: { name: string; share: number }[];
}

function areaOf(url: string): string {
  for (const [pattern, area] of AREAS) if (pattern.test(url)) return area;
  return "other JS (runtime, promises, node_modules)";
}

/** Self time of a Chrome-format .cpuprofile (Bun's --cpu-prof), grouped by area and by function. */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const areaCache = new Map<number, string>();
  const areaFor = (id: number): string => {
    const cached = areaCache.get(id);
    if (cached) return cached;
    let current: number | undefined = id;
    let area = "native (GC, event loop, runtime)";
    while (current !== undefined) {
      const url = byId.get(current)?.callFrame.url ?? "";
      if (url) {
        area = areaOf(url);
        break;
      }
      current = parent.get(current);
    }
    areaCache.set(id, area);
    return area;
  };
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === "(root)" || node.callFrame.functionName === "(idle)") continue;
    const area = areaFor(id);
    areas.set(area, (areas.get(area) ?? 0) + 1);
    const where = node.callFrame.url ? node.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|packages|apps)\//, "$1/") : "native";
    const name = `${node.callFrame.functionName || "(anonymous)"} [${where}]`;
    functions.set(name, (functions.get(name) ?? 0) + 1);
  }
  const total = [...areas.values()].reduce((sum, n) => sum + n, 0) || 1;
  return {
    samples: total,
    areas: [...areas.entries()].map(([area, n]) => [area, n / total] as [string, number]).sort((a, b) => b[1] - a[1]),
    top: [...functions.entries()]
      .map(([name, n]) => ({ name, share: n / total }))
      .sort((a, b) => b.share - a.share)
      .slice(0, 8),
  };
}
