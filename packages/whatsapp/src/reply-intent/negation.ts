import type { Cue } from "./phrase-matcher.ts";

/** How many tokens may separate a negator from the yes/no phrase it negates ("je ne LE LUI confirme pas"). */
export const NEGATION_WINDOW = 3;

function isSignal(cue: Cue): boolean {
  return cue.kind === "confirm" || cue.kind === "cancel";
}

function sameClause(first: Cue, second: Cue): boolean {
  return first.endClause === second.clause;
}

/** Does `negator`, placed before `signal`, negate it? */
function negatesForward(negator: Cue, signal: Cue): boolean {
  const gap = signal.start - negator.end;
  if (gap < 0 || gap > NEGATION_WINDOW || !sameClause(negator, signal)) return false;
  if (negator.kind === "cancel") return negator.entry?.refusal === true && gap <= 1;
  const scope = negator.entry?.negates;
  if (scope === "weak") return signal.kind === "confirm";
  return scope === "before" || scope === "around";
}

/** Does `negator`, placed after `signal`, negate it ("je confirme pas")? */
function negatesBackward(negator: Cue, signal: Cue): boolean {
  const gap = negator.start - signal.end;
  if (gap < 0 || gap > NEGATION_WINDOW || !sameClause(signal, negator)) return false;
  return negator.kind === "negator" && negator.entry?.negates === "around";
}

/**
 * The yes/no cues that are negated: by a negator word within the same clause ("je ne confirme
 * pas", "not ok", "n'annulez pas"), or by a refusal right before them ("je ne veux pas annuler",
 * "I don't want to cancel"). A negator only reaches the nearest yes/no cue on its side: in
 * "non je ne confirme pas", "pas" negates "confirme", not "non".
 */
export function findNegatedSignals(cues: readonly Cue[]): Set<Cue> {
  const negated = new Set<Cue>();
  for (const [index, negator] of cues.entries()) {
    const next = cues.slice(index + 1).find(isSignal);
    const previous = cues.slice(0, index).findLast(isSignal);
    if (next !== undefined && negatesForward(negator, next)) negated.add(next);
    if (previous !== undefined && negatesBackward(negator, previous)) negated.add(previous);
  }
  return negated;
}
