// English texts of the operations pages; merged into the English catalog in ../en.ts.
import type { operationsDe } from './operations.de.ts';

export const operationsEn: Record<keyof typeof operationsDe, string> = {
  'operations.requestId': 'Error reference for enquiries:',
};
