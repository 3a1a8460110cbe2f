import { fileURLToPath } from "node:url";
import type { BenchContext } from "../lib/bench-context.ts";
import { perSecond, printTable, ratio } from "../lib/format.ts";
import { checkQuiet } from "../lib/machine.ts";

/** The micro-benchmark lives beside the reply reader: the corpus and the stages are not on the package's surface. */
const READER_BENCH = fileURLToPath(new URL("../../packages/whatsapp/src/reply-intent/reply-reader-bench.ts", import.meta.url));
/** Separate processes (fresh JIT each), each timing 15 rounds; the table shows the median process. */
const PROCESSES = 3;
/** Right answers on the labelled corpus when the floor was last raised (reply-corpus.test.ts). */
const CORPUS_FLOOR = 477;

interface RoundFigures {
  median: number;
  min: number;
  max: number;
}

/** What `reply-reader-bench.ts` prints (its `ReplyReaderFigures`). */
interface ReaderFigures {
  messages: number;
  rounds: number;
  wall: RoundFigures;
  cpu: RoundFigures;
  referenceCpu: RoundFigures;
  stages: { tokenize: number; match: number; resolve: number };
  correct: number;
}

function runReaderBench(): ReaderFigures {
  const result = Bun.spawnSync(["bun", READER_BENCH], { stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0) throw new Error(`reply-reader-bench exited with ${result.exitCode}: ${result.stderr.toString().slice(-2000)}`);
  return JSON.parse(result.stdout.toString().trim().split("\n").at(-1) ?? "") as ReaderFigures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const us = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "n/a");

/**
 * Benchmark 5: the reply reader alone (`classifyReply` over the whole labelled corpus), CPU-bound,
 * in µs per message and messages per second, next to its first implementation timed in the same
 * rounds. Several processes, medians of rounds in each.
 */
export async function runReplyBench(ctx: BenchContext): Promise<void> {
  console.log(`\n=== 5. Reply reader: classifyReply over the labelled corpus (${PROCESSES} processes) ===`);
  await checkQuiet("reply");
  const runs: ReaderFigures[] = [];
  for (let run = 0; run < PROCESSES; run += 1) {
    runs.push(runReaderBench());
    const last = runs.at(-1)!;
    console.log(`  process ${run + 1}: ${us(last.cpu.median)} CPU us/message (wall ${us(last.wall.median)} us)`);
  }
  for (const run of runs) if (run.correct < CORPUS_FLOOR) ctx.fail(`reply reader: ${run.correct}/${run.messages} right answers, floor ${CORPUS_FLOOR}`);

  const cpu = median(runs.map((run) => run.cpu.median));
  const reference = median(runs.map((run) => run.referenceCpu.median));
  const range = (values: number[]) => `${us(Math.min(...values))}–${us(Math.max(...values))}`;
  const rows: (string | number)[][] = [
    [
      "reply reader (whole corpus, each reply in turn)",
      "CPU us/message",
      "processes' range",
      "wall us/message",
      "messages per CPU-second",
      "vs first implementation",
      "right answers",
    ],
    [
      "classifyReply",
      us(cpu),
      range(runs.map((run) => run.cpu.median)),
      us(median(runs.map((run) => run.wall.median))),
      perSecond(1e6 / cpu),
      ratio(median(runs.map((run) => run.cpu.median / run.referenceCpu.median))),
      `${runs[0]?.correct ?? "n/a"}/${runs[0]?.messages ?? "n/a"}`,
    ],
    ["  normalisation (tokenizeReply)", us(median(runs.map((run) => run.stages.tokenize))), "", "", "", "", ""],
    ["  phrase matching (findCues)", us(median(runs.map((run) => run.stages.match))), "", "", "", "", ""],
    ["  decision (resolveIntent)", us(median(runs.map((run) => run.stages.resolve))), "", "", "", "", ""],
    [
      "first implementation (reference-reader.ts, same rounds)",
      us(reference),
      range(runs.map((run) => run.referenceCpu.median)),
      "",
      perSecond(1e6 / reference),
      "1.00x",
      "",
    ],
  ];
  printTable(`Reply reader: median of ${PROCESSES} processes x ${runs[0]?.rounds ?? "?"} rounds (CPU = the process's user + system time)`, rows);
}
