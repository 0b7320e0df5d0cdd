export { applicationRoutes } from './routes.ts';
export { applicationJobs, purgeAllTenants, runWorkflowTimers } from './jobs.ts';
export { orphanedBlobs } from './applications.ts';
export { answerFromPortal, applicationById, submit, type Application } from './applications.ts';
export { newMessageId, takeTransition } from './case-workflow.ts';
export {
  type ApplicantCase,
  caseFiguresByService,
  caseFiles,
  closeAsHandedOver,
  HandoverRefused,
  isOpenCase,
  keepDecisionLetter,
  otherCasesOfApplicant,
  receiveHandedOverCase,
  type ServiceFigures,
  tellApplicant,
} from './handover.ts';
export { applicationByReference, createPaperApplication, PAPER_ANSWERS, type PaperApplicant } from './paper.ts';
export { fileApplication } from './filing.ts';
