export type {
  Answers,
  DefinitionProblem,
  FieldDefinition,
  FieldError,
  FileAnswer,
  FormDefinition,
  Logic,
  StepDefinition,
  Text,
} from './schema.ts';
export { FIELD_TYPES } from './schema.ts';
export {
  cleanText,
  fieldWithRole,
  finalAnswers,
  hasControlCharacters,
  findStep,
  isValidDate,
  validateAll,
  visibleSteps,
  type ValidationContext,
} from './forms.ts';
export { readStep } from './read-step.ts';
export { evaluate, evaluateSafely, formState, logicData, referencedVars, type FormState } from './logic.ts';
export { allFields, checkDefinition, checkRule } from './definition.ts';
export { answerText, textIn } from './answer-text.ts';
export { errorText, Field, fieldAnchor } from './views/fields.tsx';
export { AnswerList, answerRows, FormFields, ruleScripts } from './views/FormFields.tsx';
export { importXDatenfelderFile, type ImportNote, type ImportResult } from './xdatenfelder.ts';
export {
  addField,
  addStep,
  findField,
  findStepIndex,
  moveField,
  moveStep,
  removeField,
  removeStep,
  updateField,
  updateStep,
  type EditResult,
} from './editor.ts';
export {
  builderFields,
  changeOptionRows,
  describePath,
  fieldInput,
  fieldPatchFromInput,
  formatRule,
  inputOfProblem,
  newStepTitleError,
  optionRowControls,
  optionRowsOf,
  ruleControls,
  stepPatchFromInput,
  type FieldInput,
  type InputError,
} from './editor-input.ts';
export { ConfirmDeletePage, FormEditorPage, PreviewPage, type EditorContext } from './views/FormEditor.tsx';
export { FieldEditPage, StepEditPage } from './views/FormEditorEdit.tsx';
