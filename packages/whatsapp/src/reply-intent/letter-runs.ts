/**
 * Repeated-letter tolerance: "ouiii", "okkk", "nooon", "waaakha" are "oui", "ok", "non", "wakha".
 * A message token matches a vocabulary word when both have the same letters in the same order
 * and every run of a letter is at least as long in the message as in the vocabulary word.
 * So "annuler" keeps its double n ("anuler" does not match it) and "n" never matches "nn".
 *
 * Both functions run for every token of every reply: they walk code points by index and build a
 * string only when there is a run to squeeze (most words have none). `reference-reader.ts` keeps
 * the plain version of each, and a property test holds them to it.
 */

/** Length in UTF-16 units of the code point starting at `index`. */
function unitsAt(text: string, index: number): number {
  return (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
}

/** The word with every run of a repeated character squeezed to one ("ouiii" → "oui", "annuler" → "anuler"). */
export function squeezeRepeats(word: string): string {
  let squeezed: string | undefined;
  let previous = -1;
  let index = 0;
  while (index < word.length) {
    const point = word.codePointAt(index) ?? 0;
    const units = point > 0xffff ? 2 : 1;
    if (point === previous) squeezed ??= word.slice(0, index);
    else if (squeezed !== undefined) squeezed += word.slice(index, index + units);
    previous = point;
    index += units;
  }
  return squeezed ?? word;
}

/**
 * How many extra repeated letters `token` has over the vocabulary word `word`, or -1 when
 * `token` is not `word` with some letters repeated.
 */
export function repeatExcess(token: string, word: string): number {
  if (token === word) return 0;
  let excess = 0;
  let at = 0;
  let wordAt = 0;
  while (at < token.length && wordAt < word.length) {
    const point = token.codePointAt(at);
    if (point !== word.codePointAt(wordAt)) return -1;
    const units = unitsAt(token, at);
    let run = 0;
    while (at < token.length && token.codePointAt(at) === point) {
      at += units;
      run += 1;
    }
    while (wordAt < word.length && word.codePointAt(wordAt) === point) {
      wordAt += units;
      run -= 1;
    }
    if (run < 0) return -1;
    excess += run;
  }
  return at === token.length && wordAt === word.length ? excess : -1;
}
