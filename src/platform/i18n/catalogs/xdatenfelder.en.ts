// English texts of the XDatenfelder import (refusals and notes); merged into the English catalog in ../en.ts.
// FIM terms (Datenschema, Datenfeldgruppe, Feldart, Datentyp, Werteliste, Präzisierung …) are kept as the standard names them.
import type { xdatenfelderDe } from './xdatenfelder.de.ts';

const malformed = 'The file is not well-formed XML (line {line}, column {column}):';

export const xdatenfelderEn: Record<keyof typeof xdatenfelderDe, string> = {
  // ----- refusals: the file -----
  'xdatenfelder.file.missing': 'No file was given.',
  'xdatenfelder.file.empty': 'The file is empty.',
  'xdatenfelder.file.tooLarge': 'The file is too large (more than {millions} million characters).',
  'xdatenfelder.file.doctype': 'The file contains a DOCTYPE declaration (line {line}, column {column}). XDatenfelder messages have none; it is not processed.',
  'xdatenfelder.file.noElement': 'The file contains no XML element.',
  'xdatenfelder.file.severalRoots': 'The file contains more than one root element (the second: <{element}>, line {line}, column {column}).',
  'xdatenfelder.file.tooDeep': 'The elements are nested too deeply (line {line}, column {column}).',
  'xdatenfelder.file.unexpected': 'The file could not be processed (an unexpected error while reading it). Please check that it is an XDatenfelder message.',

  // ----- refusals: XML that is not well-formed -----
  'xdatenfelder.xml.closingMismatch': `${malformed} the closing tag </{expected}> is expected instead of </{found}> (opened in line {openLine}, column {openColumn}).`,
  'xdatenfelder.xml.closingNotOpened': `${malformed} the closing tag </{name}> has no opening tag.`,
  'xdatenfelder.xml.closingNotClosed': `${malformed} the closing tag </{name}> is not closed properly.`,
  'xdatenfelder.xml.closingWithAttributes': `${malformed} the closing tag </{name}> must not have attributes.`,
  'xdatenfelder.xml.unclosed': `${malformed} the element <{name}> is never closed.`,
  'xdatenfelder.xml.invalidTagName': `${malformed} “{name}” is not a valid element name.`,
  'xdatenfelder.xml.spaceAfterLt': `${malformed} there must be no space after “<”.`,
  'xdatenfelder.xml.unexpectedChar': `${malformed} the character “{char}” is not allowed here.`,
  'xdatenfelder.xml.attributeRepeated': `${malformed} the attribute “{name}” occurs more than once.`,
  'xdatenfelder.xml.attributeWithoutValue': `${malformed} the attribute “{name}” has no value.`,
  'xdatenfelder.xml.attributeNoSpace': `${malformed} a space is missing before the attribute “{name}”.`,
  'xdatenfelder.xml.invalidAttributeName': `${malformed} “{name}” is not a valid attribute name.`,
  'xdatenfelder.xml.attributeOpenQuote': `${malformed} an attribute of <{name}> has no closing quotation mark.`,
  'xdatenfelder.xml.startTagExpected': `${malformed} no opening tag was found.`,
  'xdatenfelder.xml.startTagExpectedAtLine': 'The file is not well-formed XML (line {line}): no opening tag was found.',
  'xdatenfelder.xml.extraText': `${malformed} more text follows the root element.`,
  'xdatenfelder.xml.multipleRoots': `${malformed} the file has more than one root element.`,
  'xdatenfelder.xml.declarationNotAtStart': `${malformed} the XML declaration is allowed only at the very beginning.`,
  'xdatenfelder.xml.malformed': `${malformed} the XML structure is faulty.`,
  'xdatenfelder.xml.malformedAtLine': 'The file is not well-formed XML (line {line}): the XML structure is faulty.',

  // ----- refusals: XML that is no XDatenfelder message -----
  'xdatenfelder.message.notXDatenfelder':
    'This is not an XDatenfelder message: the root element is <{element}> (line {line}, column {column}); expected is e.g. <xdatenfelder.stammdatenschema.0102>.',
  'xdatenfelder.message.noNamespace':
    'The root element <{element}> has no XDatenfelder namespace (line {line}, column {column}). Supported are XDatenfelder 2.0 (urn:xoev-de:fim:standard:xdatenfelder_2) and 3.0.0 (urn:xoev-de:fim:standard:xdatenfelder_3.0.0).',
  'xdatenfelder.message.unknownNamespace':
    'Unknown or unsupported namespace “{namespace}” on the root element <{element}> (line {line}, column {column}). Supported are XDatenfelder 2.0 (urn:xoev-de:fim:standard:xdatenfelder_2) and 3.0.0 (urn:xoev-de:fim:standard:xdatenfelder_3.0.0).',
  'xdatenfelder.message.noBody':
    'The message <{element}> contains neither a Datenschema nor a Datenfeldgruppe. A form can be made from a Datenschema message (xdatenfelder.stammdatenschema.0102) or a Datenfeldgruppe message (xdatenfelder.datenfeldgruppe.0103).',
  'xdatenfelder.message.schemaMissing': 'The message <{element}> lacks its Datenschema (<{body}>, line {line}, column {column}).',
  'xdatenfelder.message.groupMissing': 'The message <{element}> lacks its Datenfeldgruppe (<{body}>, line {line}, column {column}).',
  'xdatenfelder.message.unexpectedElement': 'Unexpected element <{element}> in <{parent}> (line {line}, column {column}).',
  'xdatenfelder.message.repeatedElement': 'The element <{element}> may occur only once in <{parent}> (line {line}, column {column}).',
  'xdatenfelder.message.requiredMissing': '<{element}> lacks the required element <{name}> (line {line}, column {column}).',
  'xdatenfelder.message.emptyElement': 'The element <{element}> is empty (line {line}, column {column}).',
  'xdatenfelder.message.noCode': 'The element <{element}> contains no code (line {line}, column {column}).',
  'xdatenfelder.message.invalidStatus':
    'Invalid status “{value}” in <{element}> (line {line}, column {column}); allowed are aktiv, inaktiv and inVorbereitung.',
  'xdatenfelder.message.invalidRelease': 'Invalid release status “{value}” in <{element}> (line {line}, column {column}); allowed are the codes 1 to 8.',
  'xdatenfelder.message.invalidElementKind':
    'Invalid schema element kind “{value}” in <{element}> (line {line}, column {column}); allowed are ABS, HAR and RNG.',
  'xdatenfelder.message.valueWithoutCode': 'A value of the Werteliste has no code (line {line}, column {column}).',
  'xdatenfelder.message.unknownReference': 'The rule {rule} refers to the element {id}, which does not occur in this message (line {line}, column {column}).',
  'xdatenfelder.message.containsOne': '<{element}> must contain exactly one data field or one Datenfeldgruppe (line {line}, column {column}).',
  'xdatenfelder.message.invalidCount': 'Invalid multiplicity “{value}” in <{element}> (line {line}, column {column}); expected is “min:max”, e.g. 0:1 or 1:*.',
  'xdatenfelder.message.invalidCountRange':
    'Invalid multiplicity “{value}” in <{element}> (line {line}, column {column}): the maximum must be at least 1 and not less than the minimum.',

  // ----- notes: the element's metadata -----
  'xdatenfelder.note.inactive': 'The element is marked as inactive; it was taken over all the same.',
  'xdatenfelder.note.releaseInactive': 'The element is marked as “inactive”; it was taken over all the same.',
  'xdatenfelder.note.releaseDeletion': 'The element is marked as “intended for deletion”; it was taken over all the same.',
  'xdatenfelder.note.unknownPrefill': 'Unknown prefill “{value}”; it was not evaluated.',
  'xdatenfelder.note.maxSizeNotNumber': 'The maximum file size “{value}” is not a number; it was not taken over.',
  'xdatenfelder.note.unknownRuleType': 'Unknown rule type “{value}”; the rule was read as a rule without a type.',

  // ----- notes: data fields -----
  'xdatenfelder.field.hidden': 'The hidden field “{label}” (Feldart hidden) has no counterpart in the form and was not taken over.',
  'xdatenfelder.field.hiddenWithContent':
    'The hidden field “{label}” (Feldart hidden, content “{content}”) has no counterpart in the form and was not taken over.',
  'xdatenfelder.field.lockedEmpty': 'The locked field “{label}” (Feldart locked) has no content; it was taken over as an ordinary input field.',
  'xdatenfelder.field.lockedComputed': 'The locked field “{label}” (Feldart locked) was taken over as the read-only computed value “{content}”.',
  'xdatenfelder.field.lockedInfo': 'The locked field “{label}” (Feldart locked, {type}) was taken over as an information text with its content “{content}”.',
  'xdatenfelder.field.unknownKind': 'Unknown Feldart “{value}”; the field was taken over as an input field.',
  'xdatenfelder.field.fileRulesIgnored':
    'File size and file types (maxSize, mediaType) apply to file uploads only; for “{label}” ({type}) they were not taken over.',
  'xdatenfelder.field.valuesWithoutChoice': 'The Werteliste of the field “{label}” belongs to no choice (Feldart {kind}); it was not taken over.',
  'xdatenfelder.field.defaultIgnored': 'The default “{content}” (Inhalt) of the field “{label}” was not taken over; the form has no defaults.',
  'xdatenfelder.field.prefillUnsupported':
    'The field “{label}” is to be prefilled from a user account ({value}); this is not supported, the person enters the value themselves.',
  'xdatenfelder.field.yesNoValues': 'The values of the yes/no choice “{label}” were replaced by “Yes” and “No”.',
  'xdatenfelder.field.codeListBesideValues':
    'Besides its Werteliste, the field “{label}” names the code list “{list}”; the values of the Werteliste were taken over.',
  'xdatenfelder.field.codeListOnly':
    'The choice “{label}” only refers to the code list “{list}”; its values are not contained in the file. The field was taken over as a text field; please add the choices in the form editor.',
  'xdatenfelder.field.codeListOnlyVersion':
    'The choice “{label}” only refers to the code list “{list}” (version {version}); its values are not contained in the file. The field was taken over as a text field; please add the choices in the form editor.',
  'xdatenfelder.field.noValues': 'The choice “{label}” has neither a Werteliste nor a code list; the field was taken over as a text field.',
  'xdatenfelder.field.codeTooLong': 'The code “{code}” in the Werteliste of “{label}” is longer than {max} characters; the value was not taken over.',
  'xdatenfelder.field.tooManyValues': 'The Werteliste of “{label}” has more than {max} values; the first {max} were taken over.',
  'xdatenfelder.field.duplicateCode': 'The code “{code}” occurs more than once in the Werteliste of “{label}”; only the first entry was taken over.',
  'xdatenfelder.field.latinOnly': 'The field “{label}” allows Latin characters only (Datentyp text_latin); the form does not check this separately.',
  'xdatenfelder.field.time': 'The form has no time of day (Datentyp time): “{label}” is a text field that asks for a time such as 14:30.',
  'xdatenfelder.field.datetime':
    'The form has no point in time (Datentyp datetime): “{label}” is a text field that asks for date and time such as 2026-11-22 14:30.',
  'xdatenfelder.field.object': 'The field “{label}” expects an object (Datentyp obj); it was taken over as a file upload.',
  'xdatenfelder.field.unknownType': 'Unknown Datentyp “{value}”; “{label}” was taken over as a text field.',
  'xdatenfelder.field.mediaTypesAllowed':
    'The file types {types} for “{label}” are not supported (PDF, JPEG and PNG are recognised); allowed here are {allowed}.',
  'xdatenfelder.field.mediaTypesDefault':
    'The file types {types} for “{label}” are not supported (PDF, JPEG and PNG are recognised); the usual file types apply (PDF, JPEG, PNG).',
  'xdatenfelder.field.precisionFreeText': 'The Präzisierung “{text}” of “{label}” cannot be evaluated and was not taken over.',
  'xdatenfelder.field.precisionUnknownKeys': 'Unknown entries in the Präzisierung of “{label}”: {keys}; they were not taken over.',
  'xdatenfelder.field.precisionDropped': 'The Präzisierung {keys} does not apply to “{label}” ({type}) and was not taken over.',
  'xdatenfelder.field.lengthsCrossed': 'The minimum length {min} of “{label}” is greater than the maximum length {max}; neither was taken over.',
  'xdatenfelder.field.patternTooLong': 'The pattern of “{label}” is longer than {max} characters and was not taken over.',
  'xdatenfelder.field.patternRefused': 'The pattern of “{label}” was not taken over: {problem}',
  'xdatenfelder.field.valueNotForType': 'The value “{value}” ({name}) of “{label}” does not fit the field type {type} and was not taken over.',
  'xdatenfelder.field.rangeCrossed': 'The minimum value {min} of “{label}” is greater than the maximum value {max}; neither was taken over.',
  'xdatenfelder.field.filesCapped': '“{label}” allows {max} files (multiplicity {count}); the number of files was limited to {limit}.',
  'xdatenfelder.field.filesCappedUnbounded': '“{label}” allows any number of files (multiplicity {count}); the number of files was limited to {limit}.',
  'xdatenfelder.field.repeatInGroup':
    'The field “{label}” may be given more than once (multiplicity {count}) but lies in a repeating group; it was taken over once per entry.',
  'xdatenfelder.field.emailLengths':
    '“{label}” was taken over as an e-mail field; it checks the form of the address instead of the lengths of the Präzisierung.',

  // ----- the names of field types, within notes -----
  'xdatenfelder.type.text': 'text field',
  'xdatenfelder.type.integer': 'whole number',
  'xdatenfelder.type.decimal': 'decimal number',
  'xdatenfelder.type.money': 'amount of money',
  'xdatenfelder.type.date': 'date',
  'xdatenfelder.type.yesno': 'yes/no',
  'xdatenfelder.type.choice': 'choice',
  'xdatenfelder.type.checkboxes': 'multiple choice',
  'xdatenfelder.type.file': 'file upload',
  'xdatenfelder.type.info': 'information text',
  'xdatenfelder.type.other': '{type}',

  // ----- notes: groups and the schema -----
  'xdatenfelder.group.choice':
    'The group “{label}” is a choice group (only one of its subgroups is to be filled in). This cannot be expressed; all subgroups were taken over.',
  'xdatenfelder.group.unknownKind': 'Unknown group kind “{value}”; the group was taken over as an ordinary group.',
  'xdatenfelder.group.nestedRepeat':
    'The repeating group “{label}” (multiplicity {count}) lies within a repeating group; the form cannot express nested repetition. Its fields were taken over once per entry.',
  'xdatenfelder.group.empty': 'The group “{label}” contains no fields; it was passed over.',
  'xdatenfelder.group.noStep': 'The group “{label}” contains no fields; no step was created for it.',
  'xdatenfelder.group.optionalToggle':
    'The group “{label}” is optional (multiplicity {count}) and contains required fields: the yes/no question “{question}” was added; the fields of the group appear and apply only after “Yes”.',
  'xdatenfelder.group.entriesCapped': 'The multiplicity {count} of “{label}” exceeds the {max} entries the form allows; it was limited to {max}.',
  'xdatenfelder.group.repeatWithUploads':
    'The group “{label}” repeats (multiplicity {count}) but contains file uploads, which a group entry cannot have. Its fields were taken over once; the repetition is missing.',
  'xdatenfelder.group.noFields':
    'The Datenfeldgruppe “{label}” contains no data fields. A step with a notice was created; please add the fields in the form editor.',
  'xdatenfelder.schema.noFields':
    'The Datenschema “{label}” contains no data fields. A step with a notice was created; please add the fields in the form editor.',

  // ----- notes: rules -----
  'xdatenfelder.rule.notRead':
    "The rule {rule} “{name}” was not taken over: neither its script nor its text is in a form that can be evaluated (e.g. “WENN F… = 'wert', DANN aktiviere F… UND mache es zu einer Pflichtangabe”). Please rebuild it in the form editor.",
  'xdatenfelder.rule.notReadWithText':
    "The rule {rule} “{name}” was not taken over: neither its script nor its text is in a form that can be evaluated (e.g. “WENN F… = 'wert', DANN aktiviere F… UND mache es zu einer Pflichtangabe”). Please rebuild it in the form editor. Text of the rule: “{text}”",
  'xdatenfelder.rule.partUnread': 'Part of the rule {rule} “{name}” cannot be evaluated and was not taken over: “{sentence}”.',
  'xdatenfelder.rule.notApplied': 'The rule {rule} “{name}” was not (fully) taken over: {problem}',
  'xdatenfelder.rule.notAppliedWithText': 'The rule {rule} “{name}” was not (fully) taken over: {problem} Text of the rule: “{text}”',
  'xdatenfelder.ruleProblem.wholeField': 'It names no target and applies to the field {id} as a whole, which cannot be controlled that way.',
  'xdatenfelder.ruleProblem.wholeGroup': 'It names no target and applies to the group {id} as a whole, which cannot be controlled that way.',
  'xdatenfelder.ruleProblem.wholeSchema': 'It names no target and applies to the Datenschema {id} as a whole, which cannot be controlled that way.',
  'xdatenfelder.ruleProblem.notInForm': 'The element {id} does not occur in the form.',
  'xdatenfelder.ruleProblem.ambiguous': 'The element {id} occurs more than once in the form; it is not clear which one is meant.',
  'xdatenfelder.ruleProblem.cycle': 'It would create a circular dependency ({cycle}).',
  'xdatenfelder.ruleProblem.hideAlways': 'Hiding an element without a condition cannot be expressed.',
  'xdatenfelder.ruleProblem.requiredGroup': 'Making a whole group ({id}) required cannot be expressed.',
  'xdatenfelder.ruleProblem.targetInfo': 'The target {id} is an information text.',
  'xdatenfelder.ruleProblem.selfDependent': 'It makes the field {id} depend on itself.',
  'xdatenfelder.ruleProblem.computeTarget': 'The target of the calculation is not a number or text field.',
  'xdatenfelder.ruleProblem.operandGroup': '{id} is a group, not a single field.',
  'xdatenfelder.ruleProblem.operandInRepeat': '{id} lies in a repeating group and is ambiguous from {target}.',
  'xdatenfelder.ruleProblem.operandSameStep': '{id} lies in the very step whose display it is to control.',
  'xdatenfelder.ruleProblem.operandInfo': '{id} is an information text without a value.',
  'xdatenfelder.ruleProblem.checkboxesOrder': 'A multiple choice ({id}) cannot be compared by size.',
  'xdatenfelder.ruleProblem.notOrdered': '{id} is neither a number nor a date and cannot be compared by size.',
  'xdatenfelder.ruleProblem.notYesNo': 'The value “{value}” does not fit the yes/no question {id}.',
  'xdatenfelder.ruleProblem.notNumber': 'The value “{value}” is not a number, but {id} is a number field.',
  'xdatenfelder.ruleProblem.notOption': 'The value “{value}” does not occur among the choices of {id}.',
  'xdatenfelder.ruleProblem.yesNotFit': 'The value “yes” does not fit {id}.',
  'xdatenfelder.ruleProblem.noNotFit': 'The value “no” does not fit {id}.',
  'xdatenfelder.ruleProblem.computeNotNumber': '{id} is not a number field and cannot be part of the calculation.',
};
