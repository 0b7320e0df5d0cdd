// A workflow is a declarative state machine per service: states, transitions, who may take them, what must hold
// before, what must be entered, and by when the work in a state is due. Cases keep the version they started with.
import { FormBody, HtmlPage, SeeOther, Type } from '../../platform/http/schema.ts';
import type { Text } from '../forms/index.ts';

/**
 * What a state means to the applicant and to the rest of the platform. The citizen's status page, the timeline,
 * retention and the management view read the phase, never a workflow's own state names.
 *   received → the application is in, nobody works it yet; in_review → someone works it;
 *   awaiting_applicant → the office waits for the applicant; decided → a Bescheid is issued; closed → done, retention runs.
 */
export const PHASES = ['received', 'in_review', 'awaiting_applicant', 'decided', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

/** Who may take a transition. `sachbearbeitung` is every clerk who handles the service; other roles are given to accounts. */
export interface WorkflowRole {
  id: string;
  label: Text;
}

export interface Deadline {
  /** Calendar days. */
  days: number;
  /** Counted from entering the state, from submission, or from the moment completeness was recorded. */
  from: 'entered' | 'submitted' | 'complete';
  /** The inbox warns this many days before (default 3). */
  warnDays?: number;
}

export interface WorkflowState {
  /** Lower-case slug, unique in the workflow: `eingang`, `pruefung`. */
  id: string;
  label: Text;
  phase: Phase;
  /** A final state has no way out; every other state must have one. */
  final?: boolean;
  deadline?: Deadline;
}

/** What must hold on the case's data before a transition may be taken. */
export type Guard =
  | { kind: 'feePaid' }
  /** Every required file field of the form has a file. */
  | { kind: 'documentsComplete' }
  | { kind: 'assigned' }
  /** A form answer is present (not empty). */
  | { kind: 'answered'; field: string }
  /** The clerk taking it is not the one who took transition `transition` last (four-eyes principle). */
  | { kind: 'otherThan'; transition: string };

/** A value the clerk must enter when taking a transition; kept with the case's history. */
export interface TransitionField {
  id: string;
  label: Text;
  type: 'text' | 'date' | 'number';
  required: boolean;
}

/**
 * What taking the transition does besides changing the state:
 *   ask → a question to the applicant (text, files) is sent; decide → the two-step decision with its Bescheid;
 *   complete → completeness is recorded (deadlines "from complete" start); payment → the fee is recorded as paid.
 */
export type Effect = 'ask' | 'decide' | 'complete' | 'payment';

export interface WorkflowTransition {
  /** Lower-case slug, unique in the workflow. */
  id: string;
  from: string;
  to: string;
  label: Text;
  /** Roles allowed to take it by hand; empty only for transitions that are not taken by hand. */
  roles: string[];
  /** manual (default): a clerk takes it; applicantAnswer: the applicant's answer takes it; timer: a job takes it after `timerDays` in `from`. */
  trigger?: 'manual' | 'applicantAnswer' | 'timer';
  timerDays?: number;
  guards?: Guard[];
  fields?: TransitionField[];
  effect?: Effect;
}

export interface WorkflowDefinition {
  /** Lower-case slug, what a service names: `standard`, `vier-augen`, `gebuehr`. */
  key: string;
  name: Text;
  description?: Text;
  initial: string;
  roles: WorkflowRole[];
  states: WorkflowState[];
  transitions: WorkflowTransition[];
}

/** A stored version: running cases point at it by id, so a later save changes only new cases. */
export interface Workflow {
  id: string;
  tenantId: string;
  key: string;
  version: number;
  definition: WorkflowDefinition;
  createdAt: Date;
}

/** A refusal when saving or importing, with where it is: `/states/2`, `/transitions/eingang-pruefung`. */
export interface WorkflowProblem {
  path: string;
  key: string;
  params?: Record<string, string | number>;
}

// ----- route schemas of the studio's workflow pages -----

const Str = Type.Optional(Type.String());
const tags = ['studio'];
const KeyParams = Type.Object({ key: Type.String({ description: 'Kurzname des Ablaufs, z. B. standard' }) });
const VersionQuery = Type.Object({ version: Str, hinweis: Str });
const page = (what: string) => ({ 200: HtmlPage(what) });

export const routeSchemas = {
  list: { tags, summary: 'Abläufe der Kommune', querystring: Type.Object({ hinweis: Str }), response: page('Liste der Abläufe') },
  copy: {
    tags,
    summary: 'Neuen Ablauf als Kopie anlegen',
    body: FormBody({ source: Str, key: Str, name: Str }),
    response: { 303: SeeOther, 422: HtmlPage('Liste der Abläufe mit Fehlermeldungen') },
  },
  show: { tags, summary: 'Ein Ablauf: Diagramm, Beschreibung, Versionen', params: KeyParams, querystring: VersionQuery, response: page('Seite des Ablaufs') },
  svg: {
    tags,
    summary: 'Diagramm des Ablaufs als SVG',
    params: KeyParams,
    querystring: VersionQuery,
    response: { 200: { description: 'SVG-Grafik', content: { 'image/svg+xml': { schema: Type.String() } } } },
  },
  editor: { tags, summary: 'Ablauf bearbeiten', params: KeyParams, querystring: VersionQuery, response: page('Editor des Ablaufs') },
  save: {
    tags,
    summary: 'Ablauf bearbeiten: Zeile hinzufügen oder entfernen, Vorschau, Speichern als neue Version',
    params: KeyParams,
    body: FormBody({ version: Str, _aktion: Str }),
    response: {
      200: HtmlPage('Editor mit der geänderten Zeilenzahl'),
      303: SeeOther,
      409: HtmlPage('Editor: inzwischen hat jemand anderes gespeichert'),
      422: HtmlPage('Editor mit Fehlermeldungen'),
    },
  },
};
