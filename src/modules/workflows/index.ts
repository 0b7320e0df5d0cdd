// What other modules may use of workflows: the version a case starts with, the version it runs on, state labels.
export { BUILT_IN, builtIn, STANDARD } from './builtins.ts';
export { currentWorkflow, stateOf, workflowById, workflowsOf } from './workflows.ts';
export type { Deadline, Effect, Guard, Phase, TransitionField, Workflow, WorkflowDefinition, WorkflowState, WorkflowTransition } from './schema.ts';
export { PHASES } from './schema.ts';
export {
  advance,
  answerTransition,
  type Actor,
  type CaseFacts,
  type CaseStatus,
  CASE_WORK,
  checkTransition,
  deadlineWarning,
  dueDate,
  dueTimer,
  holdsRole,
  start,
  stateForLegacyStatus,
  statusFor,
  type TransitionOption,
  transitionsFrom,
} from './engine.ts';
