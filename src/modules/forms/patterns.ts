// Patterns organisers write are run on every citizen's input: one that backtracks exponentially (nested
// repetition such as (\w+\s?)+) would stall the whole server, so such patterns are refused, not run.
import ret, { types, type Root, type Tokens } from 'ret';
import type { Message } from '../../platform/i18n/index.ts';

// ret is CommonJS: its default export is the tokenizer function, which its type declarations do not say.
const tokenize = ret as unknown as (pattern: string) => Root;

/**
 * True when a repetition that can match more than once contains another such repetition (star height above 1),
 * the shape behind catastrophic backtracking. An optional part ("?", {0,1}) repeats nothing and does not count.
 */
function hasNestedRepetition(token: Tokens, outer = false): boolean {
  switch (token.type) {
    case types.REPETITION: {
      const repeats = token.max > 1;
      if (repeats && outer) return true;
      return hasNestedRepetition(token.value, outer || repeats);
    }
    case types.ROOT:
    case types.GROUP: {
      const branches = 'options' in token && token.options ? token.options : 'stack' in token && token.stack ? [token.stack] : [];
      return branches.some((branch) => branch.some((t) => hasNestedRepetition(t, outer)));
    }
    default:
      return false;
  }
}

/** Why a pattern cannot be used (a catalog message; the RegExp's own reason as `detail`), or undefined when it is fine. */
export function patternProblem(pattern: string): Message | undefined {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
  } catch (e) {
    return { key: 'forms.pattern.invalid', params: { pattern, detail: (e as Error).message } };
  }
  if (hasNestedRepetition(tokenize(pattern))) return { key: 'forms.pattern.nested', params: { pattern } };
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
