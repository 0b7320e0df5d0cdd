// What other modules may use of workflows: the version a case starts with, the version it runs on, state labels,
// saving and checking a definition, its diagram, the roles the workflows name, and the studio's pages.
export { BUILT_IN, builtIn, STANDARD } from './builtins.ts';
export { renderDiagram } from './diagram.ts';
export { workflowRoutes } from './routes.ts';
export { validateWorkflow } from './validate.ts';
export {
  createWorkflow,
  currentWorkflow,
  editableWorkflow,
  rolesNamedBy,
  saveWorkflow,
  stateOf,
  workflowById,
  workflowKeyOf,
  workflowsOf,
} from './workflows.ts';
export type {
  Deadline,
  Effect,
  Guard,
  Phase,
  TransitionField,
  Workflow,
  WorkflowDefinition,
  WorkflowProblem,
  WorkflowState,
  WorkflowTransition,
} from './schema.ts';
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
