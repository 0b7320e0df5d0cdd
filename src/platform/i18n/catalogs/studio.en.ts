// English texts of the studio's refusals; merged into the English catalog in ../en.ts.
import type { studioDe } from './studio.de.ts';

export const studioEn: Record<keyof typeof studioDe, string> = {
  'studio.error.taken': 'This address was taken or the template adopted a moment ago. Please reload the page.',
  'studio.error.titleRequired': 'Please enter a title.',
  'studio.error.chooseTemplate': 'Please choose a template.',
  'studio.error.feeRulesJson': 'The fee rules are not valid JSON: {detail}',
  'studio.error.feeAmount': 'Please enter an amount, for example 96.00.',
  'studio.error.officeRequired': 'Please name the office in charge.',
  'studio.error.email': 'Please enter a valid email address.',
  'studio.error.newStepTitle': 'The new step’s title has at most {max} characters and no control characters.',
  'studio.error.oneLine': 'Please use one line and no control characters.',
  'studio.error.tooLong': 'At most {max} characters (now {length}).',
  'studio.error.stepTitleRequired': 'The step needs a title.',
};
