/**
 * Repeated-letter tolerance: "ouiii", "okkk", "nooon", "waaakha" are "oui", "ok", "non", "wakha".
 * A message token matches a vocabulary word when both have the same letters in the same order
 * and every run of a letter is at least as long in the message as in the vocabulary word.
 * So "annuler" keeps its double n ("anuler" does not match it) and "n" never matches "nn".
 */

/** The word with every run of a repeated character squeezed to one ("ouiii" → "oui", "annuler" → "anuler"). */
export function squeezeRepeats(word: string): string {
  let squeezed = "";
  let previous = "";
  for (const char of word) {
    if (char !== previous) squeezed += char;
    previous = char;
  }
  return squeezed;
}

function runLengths(word: string): number[] {
  const lengths: number[] = [];
  let previous = "";
  for (const char of word) {
    if (char === previous) lengths[lengths.length - 1] = (lengths[lengths.length - 1] ?? 0) + 1;
    else lengths.push(1);
    previous = char;
  }
  return lengths;
}

/**
 * How many extra repeated letters `token` has over the vocabulary word `word`, or -1 when
 * `token` is not `word` with some letters repeated. Callers compare squeezed forms first.
 */
export function repeatExcess(token: string, word: string): number {
  if (token === word) return 0;
  if (squeezeRepeats(token) !== squeezeRepeats(word)) return -1;
  const tokenRuns = runLengths(token);
  const wordRuns = runLengths(word);
  let excess = 0;
  for (const [index, length] of wordRuns.entries()) {
    const tokenLength = tokenRuns[index] ?? 0;
    if (tokenLength < length) return -1;
    excess += tokenLength - length;
  }
  return excess;
}
