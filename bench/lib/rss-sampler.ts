/** VmRSS of a process in KiB, from /proc/<pid>/status; NaN once it is gone. */
export async function readRssKb(pid: number): Promise<number> {
  try {
    const status = await Bun.file(`/proc/${pid}/status`).text();
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface RssSampler {
  /** Stops sampling; returns the peak and the last sample, in KiB. */
  stop: () => { peakKb: number; lastKb: number; samples: number };
}

/** Samples a process's RSS every `intervalMs` until stopped (while a load runs against it). */
export function sampleRss(pid: number, intervalMs = 250): RssSampler {
  let peakKb = 0;
  let lastKb = Number.NaN;
  let samples = 0;
  const timer = setInterval(async () => {
    const kb = await readRssKb(pid);
    if (Number.isFinite(kb)) {
      samples++;
      lastKb = kb;
      peakKb = Math.max(peakKb, kb);
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakKb, lastKb, samples };
    },
  };
}
