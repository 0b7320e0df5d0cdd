// English texts of the form definitions and the form editor (problems found in a definition, field input); merged into the English catalog in ../en.ts.
import type { formsDe } from './forms.de.ts';

export const formsEn: Record<keyof typeof formsDe, string> = {
  'forms.placeholder': '',
};
