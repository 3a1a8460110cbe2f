import { expect, test } from "bun:test";
import { REPLY_CORPUS } from "./reply-corpus.ts";
import { classifyReply } from "./reply-intent.ts";

/*
 * The reply reader's exact answers, held still: every corpus reply, and three variants of each
 * (shouted with punctuation and an emoji, every letter stretched, between a greeting and thanks), classified and compared with the answers recorded in `reply-answers.json`.
 * A speed-up must change none of them; a vocabulary change that means to change some re-records
 * the file (`RECORD_REPLY_ANSWERS=1 bun test src/reply-intent/reply-answers.test.ts`) and the
 * diff shows every answer it moved.
 */

const ANSWERS_FILE = new URL("./reply-answers.json", import.meta.url);

/** One recorded answer: the text, then intent, rule and strength. */
type RecordedAnswer = [text: string, intent: string, rule: string, strength: string];

/** Every letter run one letter longer ("oui" → "oouuii"): exercises the repeated-letter tolerance. */
function stretched(text: string): string {
  return Array.from(text, (char) => (/\p{L}/u.test(char) ? char + char : char)).join("");
}

/** The texts whose answers are recorded, in a fixed order. */
function recordedTexts(): string[] {
  return REPLY_CORPUS.flatMap(({ text }) => [text, `${text.toUpperCase()} !!! 👍🏽`, stretched(text), `Bonjour, ${text} merci`]);
}

function answer(text: string): RecordedAnswer {
  const { intent, rule, strength } = classifyReply(text);
  return [text, intent, rule, strength];
}

test("every recorded reply gets exactly the recorded answer", async () => {
  const answers = recordedTexts().map(answer);
  if (process.env.RECORD_REPLY_ANSWERS === "1") {
    await Bun.write(ANSWERS_FILE, `[\n${answers.map((row) => JSON.stringify(row)).join(",\n")}\n]\n`);
  }
  const recorded: RecordedAnswer[] = await Bun.file(ANSWERS_FILE).json();
  expect(answers.length).toBe(recorded.length);
  expect(answers.filter((row, index) => JSON.stringify(row) !== JSON.stringify(recorded[index]))).toEqual([]);
});
