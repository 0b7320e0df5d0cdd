// What other modules may use of the archive transfer: the command line's export and the pages.
export { exportToFile } from './jobs.ts';
export { archiveRoutes } from './routes.ts';
