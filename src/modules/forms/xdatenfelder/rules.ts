// The language FIM rules are written in. Rule texts and scripts follow no fixed grammar, so the reader accepts the
// usual phrasings of such sentences and hands back the sentences it could not read instead of guessing at them; what
// a rule then means for the form is decided by the mapping.

// ----- the rule language: tokens -----

/** A token of a rule text; `from`/`to` locate it in the text, for reporting a sentence as written. */
export type Token = { t: 'id' | 'str' | 'num' | 'word' | 'op'; v: string; from: number; to: number };

const TOKEN = new RegExp(
  [
    String.raw`(\s+)`,
    String.raw`([FG]\d+)(?![\wÄÖÜäöüß])`,
    String.raw`"([^"]*)"|'([^']*)'|„([^“”"]*)[“”"]|‚([^‘’']*)[‘’']|“([^”]*)”|«([^»]*)»|»([^«]*)«`,
    String.raw`(\d+(?:[.,]\d+)?)`,
    String.raw`(===|!==|==|!=|<>|<=|>=|&&|\|\||:=|[<>=!(){},;:+\-*/.])`,
    String.raw`([A-Za-zÄÖÜäöüß_][\wÄÖÜäöüß]*(?:-[A-Za-zÄÖÜäöüß]+)*)`,
    String.raw`(\S)`,
  ].join('|'),
  'gu',
);

export function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined) continue;
    const at = { from: m.index, to: m.index + m[0].length };
    if (m[2] !== undefined) tokens.push({ t: 'id', v: m[2], ...at });
    else if (m[10] !== undefined) tokens.push({ t: 'num', v: m[10], ...at });
    else if (m[11] !== undefined) tokens.push({ t: 'op', v: m[11], ...at });
    else if (m[12] !== undefined) tokens.push({ t: 'word', v: m[12].toLowerCase(), ...at });
    else if (m[13] !== undefined) return undefined;
    else tokens.push({ t: 'str', v: m.slice(3, 10).find((s) => s !== undefined) ?? '', ...at });
  }
  return tokens;
}

// ----- the rule language: what a sentence says -----

export type Literal = { kind: 'str' | 'num' | 'bool'; value: string };
export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'always' }
  | { kind: 'compare'; ref: string; op: '==' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
  | { kind: 'filled'; ref: string }
  | { kind: 'selected'; ref: string }
  /** "F… 'x' ausgewählt": the value x chosen, or, for a yes/no question, x is its label and it is ticked. */
  | { kind: 'chosen'; ref: string; value: string };
export type Expression = { kind: 'ref'; ref: string } | { kind: 'num'; value: number } | { kind: 'op'; op: '+' | '-' | '*' | '/'; items: Expression[] };
/** A target: an element id, or undefined for the element the rule belongs to. */
export type Effect =
  | { kind: 'show' | 'hide' | 'required'; targets: Array<string | undefined>; when: Condition }
  | { kind: 'compute'; targets: Array<string | undefined>; expression: Expression };

class NoMatch extends Error {}

const negate = (c: Condition): Condition => (c.kind === 'not' ? c.item : { kind: 'not', item: c });

const IF_WORDS = ['wenn', 'falls', 'sofern', 'if'];
const THEN_WORDS = ['dann', 'then', 'so'];
const AND_WORDS = ['und', 'and'];
const OR_WORDS = ['oder', 'or'];
const NOISE_BEFORE_REF = new Set([
  'im',
  'in',
  'das',
  'der',
  'die',
  'dem',
  'den',
  'des',
  'feld',
  'feldes',
  'datenfeld',
  'datenfeldes',
  'gruppe',
  'feldgruppe',
  'datenfeldgruppe',
  'wert',
  'von',
  'eingabe',
  'angabe',
]);
const FILLED_WORDS = ['befüllt', 'ausgefüllt', 'angegeben', 'gesetzt', 'vorhanden', 'gefüllt', 'eingetragen'];
const SELECTED_WORDS = ['ausgewählt', 'gewählt', 'angekreuzt', 'markiert', 'aktiviert', 'angehakt'];
const REQUIRED_WORDS = [
  'pflicht',
  'pflichtfeld',
  'pflichtfelder',
  'pflichtangabe',
  'pflichtangaben',
  'pflichtig',
  'verpflichtend',
  'erforderlich',
  'auszufüllen',
  'anzugeben',
  'auszuwählen',
];
const SHOW_WORDS = ['angezeigt', 'eingeblendet', 'sichtbar', 'aktiviert', 'anzuzeigen', 'einzublenden', 'freigeschaltet'];
const HIDE_WORDS = ['ausgeblendet', 'deaktiviert', 'verborgen', 'unsichtbar', 'versteckt', 'inaktiv'];
const PRONOUNS = ['es', 'sie', 'diese', 'dieses', 'diesen', 'dieser', 'ihn', 'diese felder'];
const RESERVED = new Set([
  ...IF_WORDS,
  ...THEN_WORDS,
  ...AND_WORDS,
  ...OR_WORDS,
  ...FILLED_WORDS,
  ...SELECTED_WORDS,
  'nicht',
  'ist',
  'sind',
  'wird',
  'wurde',
  'leer',
  'sonst',
  'andernfalls',
  'else',
  'muss',
  'müssen',
  'gleich',
  'ungleich',
]);
export const BOOL_WORDS: Record<string, string> = { ja: 'true', true: 'true', wahr: 'true', nein: 'false', false: 'false', falsch: 'false' };

/** A recursive-descent reader for the sentences FIM rules are written in ("WENN F… = 'x', DANN aktiviere F… UND mache es zu einer Pflichtangabe."). */
export class RuleReader {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }

  private fail(): never {
    throw new NoMatch();
  }

  private isWord(words: readonly string[], k = 0): boolean {
    const t = this.peek(k);
    return t?.t === 'word' && words.includes(t.v);
  }

  private acceptWord(...words: string[]): boolean {
    if (!this.isWord(words)) return false;
    this.i++;
    return true;
  }

  private isOp(ops: readonly string[], k = 0): boolean {
    const t = this.peek(k);
    return t?.t === 'op' && ops.includes(t.v);
  }

  private acceptOp(...ops: string[]): boolean {
    if (!this.isOp(ops)) return false;
    this.i++;
    return true;
  }

  private attempt<T>(read: () => T): T | undefined {
    const start = this.i;
    try {
      return read();
    } catch (error) {
      if (!(error instanceof NoMatch)) throw error;
      this.i = start;
      return undefined;
    }
  }

  /** Reads every sentence; each result is the sentence's effects, or undefined when it cannot be read. */
  sentences(): Array<{ text: Token[]; effects?: Effect[] }> {
    const result: Array<{ text: Token[]; effects?: Effect[] }> = [];
    while (this.i < this.tokens.length) {
      const start = this.i;
      const end = this.sentenceEnd(start);
      const sentence = new RuleReader(this.tokens.slice(start, end));
      result.push({ text: this.tokens.slice(start, end), effects: sentence.attempt(() => sentence.sentence()) });
      this.i = end + 1;
    }
    return result.filter((s) => s.text.length > 0);
  }

  private sentenceEnd(start: number): number {
    let depth = 0;
    for (let k = start; k < this.tokens.length; k++) {
      const t = this.tokens[k];
      if (t.t !== 'op') continue;
      if (t.v === '(' || t.v === '{') depth++;
      else if (t.v === ')' || t.v === '}') depth--;
      else if ((t.v === '.' || t.v === ';') && depth <= 0) return k;
    }
    return this.tokens.length;
  }

  private sentence(): Effect[] {
    this.acceptWord('regel');
    this.acceptOp(':');
    this.acceptWord('nur');
    let effects: Effect[];
    if (this.isWord(IF_WORDS)) {
      this.i++;
      const when = this.condition();
      this.acceptOp(',');
      this.acceptWord(...THEN_WORDS);
      const braced = this.acceptOp('{');
      effects = this.actions(when);
      if (braced && !this.acceptOp('}')) this.fail();
      this.otherwise(effects);
    } else if (this.isWord(['berechne', 'berechnung']) || this.computeAhead()) {
      effects = [this.compute()];
    } else {
      const pending = this.actionsWithoutCondition();
      this.acceptOp(',');
      this.acceptWord('nur');
      const when: Condition = this.acceptWord(...IF_WORDS) ? this.condition() : { kind: 'always' };
      effects = pending.map((p) => ({ ...p, when }));
    }
    this.acceptOp('.', ';');
    if (this.i < this.tokens.length) this.fail();
    return effects;
  }

  /** "sonst ausblenden" / "sonst optional" only restates what the rule already means. */
  private otherwise(effects: Effect[]): void {
    this.acceptOp(',', ';');
    if (!this.acceptWord('sonst', 'andernfalls', 'else')) return;
    this.acceptOp(',', '{');
    const kinds = new Set(effects.map((e) => e.kind));
    const complement =
      (this.acceptWord('ausblenden', 'ausgeblendet', 'verbergen', 'deaktivieren', 'deaktiviere') && kinds.has('show')) ||
      (this.acceptWord('optional', 'freiwillig') && kinds.has('required'));
    if (!complement) this.fail();
    this.acceptOp('}');
  }

  // ----- conditions -----

  private condition(): Condition {
    const items = [this.conjunction()];
    while (this.acceptWord(...OR_WORDS) || this.acceptOp('||')) items.push(this.conjunction());
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private conjunction(): Condition {
    const items = [this.negation()];
    while ((this.isWord(AND_WORDS) || this.isOp(['&&'])) && this.conditionStartsAt(1)) {
      this.i++;
      items.push(this.negation());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private refAhead(k: number): boolean {
    let j = k;
    while (this.peek(j)?.t === 'word' && NOISE_BEFORE_REF.has(this.peek(j)!.v)) j++;
    return this.peek(j)?.t === 'id';
  }

  private conditionStartsAt(k: number): boolean {
    let j = k;
    while (this.peek(j)?.t === 'word' && (NOISE_BEFORE_REF.has(this.peek(j)!.v) || this.peek(j)!.v === 'nicht')) j++;
    const t = this.peek(j);
    return t?.t === 'id' || (t?.t === 'op' && (t.v === '(' || t.v === '!'));
  }

  private negation(): Condition {
    if (this.acceptWord('nicht') || this.acceptOp('!')) return negate(this.negation());
    if (this.acceptOp('(')) {
      const inner = this.condition();
      if (!this.acceptOp(')')) this.fail();
      return inner;
    }
    return this.atom();
  }

  private ref(): string {
    while (this.peek()?.t === 'word' && NOISE_BEFORE_REF.has(this.peek()!.v)) this.i++;
    const t = this.peek();
    if (t?.t !== 'id') this.fail();
    this.i++;
    return t.v;
  }

  /** A quoted label after an id ("F60000227 'Familienname'") unless the quoted text is the value chosen. */
  private skipLabel(): void {
    if (this.peek()?.t === 'str' && !this.isWord(SELECTED_WORDS, 1) && !this.isWord(FILLED_WORDS, 1)) this.i++;
  }

  private atom(): Condition {
    const ref = this.ref();
    if (this.peek()?.t === 'str' && this.isWord(SELECTED_WORDS, 1)) {
      const value = this.peek()!.v;
      this.i += 2;
      this.acceptWord('wurde', 'wird', 'ist', 'worden', 'sind');
      return { kind: 'chosen', ref, value };
    }
    this.skipLabel();
    const condition = this.predicate(ref);
    this.acceptWord(...SELECTED_WORDS, ...FILLED_WORDS);
    this.acceptWord('wurde', 'wird', 'ist', 'worden', 'sind');
    return condition;
  }

  private predicate(ref: string): Condition {
    const compare = (op: '==' | '!=' | '<' | '<=' | '>' | '>=', value: Literal): Condition => ({ kind: 'compare', ref, op, value });
    if (this.acceptOp('=', '==', '===')) return compare('==', this.literal());
    if (this.acceptOp('!=', '!==', '<>')) return compare('!=', this.literal());
    for (const op of ['<=', '>=', '<', '>'] as const) if (this.acceptOp(op)) return compare(op, this.number());
    if (this.acceptWord('größer', 'groesser', 'grösser', 'über')) {
      this.acceptWord('als');
      return compare(this.acceptWord('oder') && this.acceptWord('gleich') ? '>=' : '>', this.number());
    }
    if (this.acceptWord('kleiner', 'unter')) {
      this.acceptWord('als');
      return compare(this.acceptWord('oder') && this.acceptWord('gleich') ? '<=' : '<', this.number());
    }
    if (this.acceptWord('mindestens')) return compare('>=', this.number());
    if (this.acceptWord('höchstens', 'hoechstens')) return compare('<=', this.number());
    if (this.acceptWord('ungleich')) return compare('!=', this.literal());
    if (this.acceptWord('gleich')) return compare('==', this.literal());
    const negated = this.acceptWord('ist') ? this.acceptWord('nicht') : this.acceptWord('nicht');
    const state = this.state(ref);
    if (state) return negated ? negate(state) : state;
    if (this.acceptWord('gleich')) return compare(negated ? '!=' : '==', this.literal());
    if (this.acceptWord('ungleich')) return compare(negated ? '==' : '!=', this.literal());
    const value = this.literal();
    return compare(negated ? '!=' : '==', value);
  }

  private state(ref: string): Condition | undefined {
    if (this.acceptWord('leer')) return { kind: 'not', item: { kind: 'filled', ref } };
    if (this.acceptWord(...FILLED_WORDS)) return { kind: 'filled', ref };
    if (this.acceptWord(...SELECTED_WORDS)) return { kind: 'selected', ref };
    return undefined;
  }

  private literal(): Literal {
    const t = this.peek();
    if (!t) this.fail();
    let literal: Literal;
    if (t.t === 'str') literal = { kind: 'str', value: t.v };
    else if (t.t === 'num') literal = { kind: 'num', value: t.v };
    else if (t.t === 'word' && t.v in BOOL_WORDS) literal = { kind: 'bool', value: BOOL_WORDS[t.v] };
    else if (t.t === 'word' && !RESERVED.has(t.v)) literal = { kind: 'str', value: t.v };
    else if (t.t === 'op' && t.v === '-' && this.peek(1)?.t === 'num') {
      this.i++;
      literal = { kind: 'num', value: `-${this.peek()!.v}` };
    } else this.fail();
    this.i++;
    // a code may be followed by its name: "= 001 'schwanger'"
    if (literal.kind !== 'str' && this.peek()?.t === 'str') this.i++;
    return literal;
  }

  private number(): Literal {
    const value = this.literal();
    if (value.kind !== 'num') this.fail();
    return value;
  }

  // ----- actions -----

  private actions(when: Condition): Effect[] {
    return this.actionsWithoutCondition().map((p) => ({ ...p, when }));
  }

  private actionsWithoutCondition(): Array<{ kind: 'show' | 'hide' | 'required'; targets: Array<string | undefined> }> {
    const result = [this.action([undefined])];
    for (;;) {
      const next = this.attempt(() => {
        if (!(this.acceptWord(...AND_WORDS, 'sowie') || this.acceptOp(',', '&&'))) this.fail();
        return this.action(result[result.length - 1].targets);
      });
      if (!next) return result;
      result.push(next);
    }
  }

  private refs(previous: Array<string | undefined>): Array<string | undefined> {
    if (this.acceptWord(...PRONOUNS)) {
      this.acceptWord('felder', 'feld', 'gruppe');
      return previous;
    }
    const list: string[] = [this.ref()];
    this.skipLabelInAction();
    for (;;) {
      const more = this.attempt(() => {
        if (!(this.acceptOp(',') || this.acceptWord(...AND_WORDS, 'sowie'))) this.fail();
        return this.ref();
      });
      if (more === undefined) return list;
      list.push(more);
      this.skipLabelInAction();
    }
  }

  private skipLabelInAction(): void {
    if (this.peek()?.t === 'str') this.i++;
  }

  private action(previous: Array<string | undefined>): { kind: 'show' | 'hide' | 'required'; targets: Array<string | undefined> } {
    this.acceptWord('bitte', 'nur');
    if (this.acceptWord('aktiviere', 'aktivieren', 'zeige', 'zeigen', 'einblenden')) {
      const targets = this.refs(previous);
      this.acceptWord('an', 'ein', 'auch');
      return { kind: 'show', targets };
    }
    if (this.acceptWord('blende')) {
      const targets = this.refs(previous);
      if (this.acceptWord('ein')) return { kind: 'show', targets };
      if (this.acceptWord('aus')) return { kind: 'hide', targets };
      this.fail();
    }
    if (this.acceptWord('deaktiviere', 'deaktivieren', 'verberge', 'verbergen', 'ausblenden')) return { kind: 'hide', targets: this.refs(previous) };
    if (this.acceptWord('mache', 'mach', 'setze', 'markiere')) {
      const targets = this.refs(previous);
      this.acceptWord('zu', 'zur', 'zum', 'als');
      this.acceptWord('einer', 'einem', 'einen', 'ein', 'eine');
      if (this.acceptWord(...REQUIRED_WORDS)) return { kind: 'required', targets };
      if (this.acceptWord('sichtbar')) return { kind: 'show', targets };
      this.fail();
    }
    if (this.isWord(['muss', 'müssen', 'ist', 'sind', 'wird', 'werden']) && this.refAhead(1)) {
      // "muss F… befüllt werden", "ist F… Pflicht", "sind F… und F… Pflichtfelder"
      this.i++;
      const targets = this.refs(previous);
      return { kind: this.stateOfTargets(), targets };
    }
    if (this.acceptWord(...REQUIRED_WORDS)) return { kind: 'required', targets: previous };
    if (this.acceptWord('anzeigen', 'anzuzeigen', 'einzublenden', 'sichtbar', 'anzeige')) return { kind: 'show', targets: previous };
    if (this.acceptWord('ausblenden', 'auszublenden', 'verbergen')) return { kind: 'hide', targets: previous };
    const targets = this.refAhead(0) ? this.refs(previous) : previous;
    return { kind: this.predicateOfTargets(), targets };
  }

  /** "… ist Pflicht", "… muss befüllt werden", "… wird angezeigt", "… wird ausgeblendet". */
  private predicateOfTargets(): 'show' | 'hide' | 'required' {
    if (!this.acceptWord('ist', 'sind', 'wird', 'werden', 'muss', 'müssen')) this.fail();
    return this.stateOfTargets();
  }

  private stateOfTargets(): 'show' | 'hide' | 'required' {
    this.acceptWord('dann', 'auch');
    this.acceptWord('eine', 'ein', 'zur', 'zum', 'als');
    if (this.acceptWord(...REQUIRED_WORDS)) return 'required';
    if (this.acceptWord('zu') && this.acceptWord('befüllen', 'füllen', 'ausfüllen', 'machen')) return 'required';
    if (this.acceptWord(...FILLED_WORDS, ...SELECTED_WORDS)) {
      this.acceptWord('werden', 'sein');
      return 'required';
    }
    if (this.acceptWord(...SHOW_WORDS)) return 'show';
    if (this.acceptWord(...HIDE_WORDS)) return 'hide';
    if (this.acceptWord('nicht') && this.acceptWord('sichtbar', 'angezeigt')) return 'hide';
    this.fail();
  }

  // ----- calculations -----

  private computeAhead(): boolean {
    let k = 0;
    while (this.peek(k)?.t === 'word' && NOISE_BEFORE_REF.has(this.peek(k)!.v)) k++;
    if (this.peek(k)?.t !== 'id') return false;
    k++;
    if (this.peek(k)?.t === 'str') k++;
    return this.isOp(['=', ':='], k) || this.isWord(['ergibt', 'berechnet'], k);
  }

  private compute(): Effect {
    this.acceptWord('berechne', 'berechnung');
    this.acceptOp(':');
    const target = this.ref();
    this.skipLabelInAction();
    if (this.acceptOp('=', ':=') || this.acceptWord('als')) {
      // plain assignment
    } else if (this.acceptWord('ergibt', 'berechnet')) {
      this.acceptWord('sich');
      if (!this.acceptWord('aus', 'als')) this.fail();
    } else this.fail();
    return { kind: 'compute', targets: [target], expression: this.sum() };
  }

  private sum(): Expression {
    if (this.acceptWord('summe')) {
      this.acceptWord('aus', 'von', 'der');
      const items: Expression[] = [{ kind: 'ref', ref: this.ref() }];
      this.skipLabelInAction();
      while (this.acceptOp(',', '+') || this.acceptWord(...AND_WORDS, 'plus')) {
        items.push({ kind: 'ref', ref: this.ref() });
        this.skipLabelInAction();
      }
      return { kind: 'op', op: '+', items };
    }
    let left = this.product();
    for (;;) {
      const op = this.acceptOp('+') || this.acceptWord('plus') ? '+' : this.acceptOp('-') || this.acceptWord('minus') ? '-' : undefined;
      if (!op) return left;
      left = { kind: 'op', op, items: [left, this.product()] };
    }
  }

  private product(): Expression {
    let left = this.factor();
    for (;;) {
      let op: '*' | '/' | undefined;
      if (this.acceptOp('*') || this.acceptWord('mal')) op = '*';
      else if (this.acceptWord('multipliziert')) {
        this.acceptWord('mit');
        op = '*';
      } else if (this.acceptOp('/')) op = '/';
      else if (this.acceptWord('geteilt', 'dividiert')) {
        this.acceptWord('durch');
        op = '/';
      }
      if (!op) return left;
      left = { kind: 'op', op, items: [left, this.factor()] };
    }
  }

  private factor(): Expression {
    if (this.acceptOp('(')) {
      const inner = this.sum();
      if (!this.acceptOp(')')) this.fail();
      return inner;
    }
    const t = this.peek();
    if (t?.t === 'num') {
      this.i++;
      return { kind: 'num', value: Number(t.v.replace(',', '.')) };
    }
    const ref = this.ref();
    this.skipLabelInAction();
    return { kind: 'ref', ref };
  }
}
