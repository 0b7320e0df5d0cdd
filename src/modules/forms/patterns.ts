// Patterns organisers write are run on every citizen's input: one that backtracks exponentially (nested
// repetition such as (\w+\s?)+) would stall the whole server, so such patterns are refused, not run.
import safeRegex from 'safe-regex2';

/** Why a pattern cannot be used (in German), or undefined when it is fine. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
  } catch (e) {
    return `Der reguläre Ausdruck „${pattern}“ ist ungültig: ${(e as Error).message}.`;
  }
  if (!safeRegex(pattern)) {
    return `Der reguläre Ausdruck „${pattern}“ enthält verschachtelte Wiederholungen (etwa „(a+)+“) und kann bei manchen Eingaben sehr lange rechnen. Bitte vereinfachen Sie ihn.`;
  }
  return undefined;
}

const compiled = new Map<string, RegExp | null>();

/** The pattern as a whole-value matcher; null when it is unusable (an unchecked definition is not held against the person). */
export function wholeValuePattern(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = patternProblem(pattern) ? null : new RegExp(`^(?:${pattern})$`, 'u');
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}
