// German texts of the form definitions and the form editor (problems found in a definition, field input); merged into the reference catalog in ../de.ts.
export const formsDe = {
  'forms.placeholder': '',
};
