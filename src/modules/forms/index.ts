export type { Answers, FieldDefinition, FieldError, FileAnswer, FormDefinition, StepDefinition, Text } from './schema.ts';
export { cleanText, fieldWithRole, hasControlCharacters, findStep, isValidDate, validateAll, validateStep, type ValidationContext } from './forms.ts';
export { answerText, errorText, Field, fieldAnchor, textIn } from './views/fields.tsx';
