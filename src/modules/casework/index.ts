// What other modules may use of case work: the case page's sections with their data, the routes, the jobs, and the
// decision letter's parts from the municipality's template for the Bescheid.
export { type CaseWorkData, caseWorkFor } from './sections.ts';
export { CaseWork } from './views/CaseWork.tsx';
export { caseworkRoutes } from './routes.ts';
export { caseworkJobs } from './jobs.ts';
export { decisionLetter } from './letter.ts';
