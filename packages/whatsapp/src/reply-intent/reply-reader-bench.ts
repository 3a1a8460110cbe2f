/**
 * Micro-benchmark of the reply reader over the whole labelled corpus: every reply classified in
 * turn, round after round, after a warm-up. Prints one JSON line (`ReplyReaderFigures`).
 *
 *   bun packages/whatsapp/src/reply-intent/reply-reader-bench.ts [rounds] [milliseconds per round]
 *
 * `bun run bench` runs it as a child process (bench/reply/): the corpus and the reader's stages
 * are this folder's own, not the package's public surface. The first implementation of the reader
 * (`reference-reader.ts`, kept for the property tests) is timed in the same rounds, so the speed-up
 * is measured under the same conditions as the figure itself. Per-message figures are medians over
 * the rounds, each round timed by the process's CPU time (user + system) and by the wall clock:
 * on a machine shared with other work the wall clock also counts the time others had the core,
 * CPU time much less.
 */
import { tokenizeReply } from "./normalize-reply.ts";
import { findCues } from "./phrase-matcher.ts";
import { classifyReplyReference } from "./reference-reader.ts";
import { REPLY_CORPUS } from "./reply-corpus.ts";
import { classifyReply } from "./reply-intent.ts";
import { resolveIntent } from "./resolve-intent.ts";

/** Median, minimum and maximum over the rounds, in microseconds per message. */
export interface RoundFigures {
  median: number;
  min: number;
  max: number;
}

export interface ReplyReaderFigures {
  messages: number;
  rounds: number;
  /** Whole `classifyReply`, by the wall clock and by CPU time. */
  wall: RoundFigures;
  cpu: RoundFigures;
  /** `classifyReplyReference` (the first implementation), CPU time, in the same rounds. */
  referenceCpu: RoundFigures;
  /** Each stage alone on its own input (CPU time, medians): normalisation, phrase matching, decision. */
  stages: { tokenize: number; match: number; resolve: number };
  /** Right answers against the corpus labels (the corpus test's floor is 477). */
  correct: number;
}

function summarize(values: number[]): RoundFigures {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

function cpuMicroseconds(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Times `pass` (one pass over `messages` inputs) for about `milliseconds`, returning wall and CPU µs per message. */
function timeRound(pass: () => void, messages: number, milliseconds: number): { wall: number; cpu: number } {
  let passes = 0;
  const cpuStart = cpuMicroseconds();
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < milliseconds) {
    pass();
    passes += 1;
    elapsed = performance.now() - started;
  }
  const cpu = cpuMicroseconds() - cpuStart;
  return { wall: (elapsed * 1000) / (passes * messages), cpu: cpu / (passes * messages) };
}

/** Measures the reply reader; `rounds` rounds of about `milliseconds` each per figure. */
export function measureReplyReader({ rounds = 15, milliseconds = 200 } = {}): ReplyReaderFigures {
  const texts = REPLY_CORPUS.map((entry) => entry.text);
  const replies = texts.map((text) => tokenizeReply(text));
  const cues = replies.map((reply) => findCues(reply));
  let sink = 0;
  const classifyAll = () => {
    for (const text of texts) sink += classifyReply(text).rule.length;
  };
  const classifyAllReference = () => {
    for (const text of texts) sink += classifyReplyReference(text).rule.length;
  };
  const tokenizeAll = () => {
    for (const text of texts) sink += tokenizeReply(text).tokens.length;
  };
  const matchAll = () => {
    for (const reply of replies) sink += findCues(reply).length;
  };
  const resolveAll = () => {
    for (const [index, reply] of replies.entries()) sink += resolveIntent(reply, cues[index] ?? []).rule.length;
  };
  for (const pass of [classifyAll, classifyAllReference, tokenizeAll, matchAll, resolveAll]) timeRound(pass, texts.length, 300);

  const wall: number[] = [];
  const cpu: number[] = [];
  const referenceCpu: number[] = [];
  const stages = { tokenize: [] as number[], match: [] as number[], resolve: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    const whole = timeRound(classifyAll, texts.length, milliseconds);
    wall.push(whole.wall);
    cpu.push(whole.cpu);
    referenceCpu.push(timeRound(classifyAllReference, texts.length, milliseconds).cpu);
    stages.tokenize.push(timeRound(tokenizeAll, texts.length, milliseconds / 4).cpu);
    stages.match.push(timeRound(matchAll, texts.length, milliseconds / 4).cpu);
    stages.resolve.push(timeRound(resolveAll, texts.length, milliseconds / 4).cpu);
  }
  if (sink === 0) throw new Error("nothing was classified");
  const correct = REPLY_CORPUS.filter((entry) => classifyReply(entry.text).intent === entry.expected).length;
  return {
    messages: texts.length,
    rounds,
    wall: summarize(wall),
    cpu: summarize(cpu),
    referenceCpu: summarize(referenceCpu),
    stages: { tokenize: summarize(stages.tokenize).median, match: summarize(stages.match).median, resolve: summarize(stages.resolve).median },
    correct,
  };
}

if (import.meta.main) {
  const [rounds, milliseconds] = process.argv.slice(2).map(Number);
  console.log(JSON.stringify(measureReplyReader({ rounds: rounds || undefined, milliseconds: milliseconds || undefined })));
}
