// Background work of case work: delivering a handover whose receiving side was not written with the request.
export { HANDOVER_TOPIC, handoverJobs as caseworkJobs } from './handover.ts';
