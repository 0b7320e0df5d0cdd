export { builtInRemedy, type Remedy, type RemedyOrg, remedyFor, remedyMessage } from './decisions.ts';
export { decisionRoutes } from './routes.ts';
