export type { AddressAnswer, Answers, AnswerValue, DefinitionProblem, FieldDefinition, FieldError, FieldType, FileAnswer, FormDefinition, GroupItem, Logic, Option, StepDefinition, Text } from './schema.ts';
export { FIELD_TYPES } from './schema.ts';
export { cleanText, fieldWithRole, finalAnswers, hasControlCharacters, findStep, isValidDate, readStep, validateAll, validateStep, visibleSteps, type ValidationContext } from './forms.ts';
export { evaluate, formState, logicData, referencedVars, type FormState } from './logic.ts';
export { allFields, checkDefinition, checkRule } from './definition.ts';
export { answerText, errorText, Field, fieldAnchor, textIn } from './views/fields.tsx';
export { AnswerList, answerRows, FormFields } from './views/FormFields.tsx';
export { importXDatenfelder, type ImportNote, type ImportResult } from './xdatenfelder.ts';
