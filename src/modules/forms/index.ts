export type { AddressAnswer, Answers, AnswerValue, DefinitionProblem, FieldDefinition, FieldError, FieldType, FileAnswer, FormDefinition, GroupItem, Logic, Option, StepDefinition, Text } from './schema.ts';
export { FIELD_TYPES } from './schema.ts';
export { cleanText, fieldWithRole, hasControlCharacters, findStep, isValidDate, validateAll, validateStep, type ValidationContext } from './forms.ts';
export { answerText, errorText, Field, fieldAnchor, textIn } from './views/fields.tsx';
export { AnswerList, answerRows, FormFields } from './views/FormFields.tsx';
