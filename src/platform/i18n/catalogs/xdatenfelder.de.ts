// German texts of the XDatenfelder import (refusals and notes); merged into the reference catalog in ../de.ts.
// „…“ marks a value from the file; <…> an element as written there.
export const xdatenfelderDe = {
  // ----- refusals: the file -----
  'xdatenfelder.file.missing': 'Es wurde keine Datei übergeben.',
  'xdatenfelder.file.empty': 'Die Datei ist leer.',
  'xdatenfelder.file.tooLarge': 'Die Datei ist zu groß (mehr als {millions} Millionen Zeichen).',
  'xdatenfelder.file.doctype':
    'Die Datei enthält eine DOCTYPE-Deklaration (Zeile {line}, Spalte {column}). XDatenfelder-Nachrichten haben keine; sie wird nicht verarbeitet.',
  'xdatenfelder.file.noElement': 'Die Datei enthält kein XML-Element.',
  'xdatenfelder.file.severalRoots': 'Die Datei enthält mehr als ein Wurzelelement (das zweite: <{element}>, Zeile {line}, Spalte {column}).',
  'xdatenfelder.file.tooDeep': 'Die Elemente sind zu tief verschachtelt (Zeile {line}, Spalte {column}).',
  'xdatenfelder.file.unexpected':
    'Die Datei konnte nicht verarbeitet werden (unerwarteter Fehler beim Lesen). Bitte prüfen Sie, ob es sich um eine XDatenfelder-Nachricht handelt.',

  // ----- refusals: XML that is not well-formed ({detail} is the XML parser's own message) -----
  'xdatenfelder.xml.closingMismatch':
    'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Statt </{found}> wird das schließende Tag </{expected}> erwartet (geöffnet in Zeile {openLine}, Spalte {openColumn}).',
  'xdatenfelder.xml.closingNotOpened':
    'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Das schließende Tag </{name}> hat kein öffnendes Tag.',
  'xdatenfelder.xml.closingNotClosed':
    'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Das schließende Tag </{name}> ist nicht richtig abgeschlossen.',
  'xdatenfelder.xml.closingWithAttributes':
    'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Das schließende Tag </{name}> darf keine Attribute haben.',
  'xdatenfelder.xml.unclosed': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Das Element <{name}> wird nicht geschlossen.',
  'xdatenfelder.xml.invalidTagName': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): „{name}“ ist kein gültiger Elementname.',
  'xdatenfelder.xml.spaceAfterLt': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Nach „<“ darf kein Leerzeichen stehen.',
  'xdatenfelder.xml.unexpectedChar':
    'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Das Zeichen „{char}“ ist an dieser Stelle nicht erlaubt.',
  'xdatenfelder.xml.attributeRepeated': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Das Attribut „{name}“ kommt mehrfach vor.',
  'xdatenfelder.xml.attributeWithoutValue': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Das Attribut „{name}“ hat keinen Wert.',
  'xdatenfelder.xml.attributeNoSpace': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Vor dem Attribut „{name}“ fehlt ein Leerzeichen.',
  'xdatenfelder.xml.invalidAttributeName': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): „{name}“ ist kein gültiger Attributname.',
  'xdatenfelder.xml.attributeOpenQuote':
    'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Ein Attribut von <{name}> hat kein schließendes Anführungszeichen.',
  'xdatenfelder.xml.startTagExpected': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Es wurde kein öffnendes Tag gefunden.',
  'xdatenfelder.xml.startTagExpectedAtLine': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}): Es wurde kein öffnendes Tag gefunden.',
  'xdatenfelder.xml.extraText': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Nach dem Wurzelelement folgt weiterer Text.',
  'xdatenfelder.xml.multipleRoots': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Die Datei hat mehr als ein Wurzelelement.',
  'xdatenfelder.xml.declarationNotAtStart':
    'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Die XML-Deklaration darf nur ganz am Anfang stehen.',
  'xdatenfelder.xml.malformed': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}, Spalte {column}): Die XML-Struktur ist fehlerhaft.',
  'xdatenfelder.xml.malformedAtLine': 'Die Datei ist kein wohlgeformtes XML (Zeile {line}): Die XML-Struktur ist fehlerhaft.',

  // ----- refusals: XML that is no XDatenfelder message -----
  'xdatenfelder.message.notXDatenfelder':
    'Das ist keine XDatenfelder-Nachricht: Das Wurzelelement ist <{element}> (Zeile {line}, Spalte {column}), erwartet wird z. B. <xdatenfelder.stammdatenschema.0102>.',
  'xdatenfelder.message.noNamespace':
    'Das Wurzelelement <{element}> hat keinen XDatenfelder-Namensraum (Zeile {line}, Spalte {column}). Unterstützt werden XDatenfelder 2.0 (urn:xoev-de:fim:standard:xdatenfelder_2) und 3.0.0 (urn:xoev-de:fim:standard:xdatenfelder_3.0.0).',
  'xdatenfelder.message.unknownNamespace':
    'Unbekannter oder nicht unterstützter Namensraum „{namespace}“ am Wurzelelement <{element}> (Zeile {line}, Spalte {column}). Unterstützt werden XDatenfelder 2.0 (urn:xoev-de:fim:standard:xdatenfelder_2) und 3.0.0 (urn:xoev-de:fim:standard:xdatenfelder_3.0.0).',
  'xdatenfelder.message.noBody':
    'Die Nachricht <{element}> enthält weder ein Datenschema noch eine Datenfeldgruppe. Ein Formular lässt sich aus einer Datenschema-Nachricht (xdatenfelder.stammdatenschema.0102) oder einer Datenfeldgruppen-Nachricht (xdatenfelder.datenfeldgruppe.0103) bilden.',
  'xdatenfelder.message.schemaMissing': 'In der Nachricht <{element}> fehlt das Datenschema (<{body}>, Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.groupMissing': 'In der Nachricht <{element}> fehlt die Datenfeldgruppe (<{body}>, Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.unexpectedElement': 'Unerwartetes Element <{element}> in <{parent}> (Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.repeatedElement': 'Das Element <{element}> darf in <{parent}> nur einmal vorkommen (Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.requiredMissing': 'In <{element}> fehlt das Pflichtelement <{name}> (Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.emptyElement': 'Das Element <{element}> ist leer (Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.noCode': 'Das Element <{element}> enthält keinen Code (Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.invalidStatus':
    'Ungültiger Status „{value}“ in <{element}> (Zeile {line}, Spalte {column}); erlaubt sind aktiv, inaktiv und inVorbereitung.',
  'xdatenfelder.message.invalidRelease': 'Ungültiger Freigabestatus „{value}“ in <{element}> (Zeile {line}, Spalte {column}); erlaubt sind die Codes 1 bis 8.',
  'xdatenfelder.message.invalidElementKind':
    'Ungültige Schemaelementart „{value}“ in <{element}> (Zeile {line}, Spalte {column}); erlaubt sind ABS, HAR und RNG.',
  'xdatenfelder.message.valueWithoutCode': 'Ein Wert der Werteliste hat keinen Code (Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.unknownReference':
    'Die Regel {rule} verweist auf das Element {id}, das in dieser Nachricht nicht vorkommt (Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.containsOne': '<{element}> muss genau ein Datenfeld oder eine Datenfeldgruppe enthalten (Zeile {line}, Spalte {column}).',
  'xdatenfelder.message.invalidCount':
    'Ungültige Anzahl „{value}“ in <{element}> (Zeile {line}, Spalte {column}); erwartet wird „min:max“, z. B. 0:1 oder 1:*.',
  'xdatenfelder.message.invalidCountRange':
    'Ungültige Anzahl „{value}“ in <{element}> (Zeile {line}, Spalte {column}): das Maximum muss mindestens 1 und nicht kleiner als das Minimum sein.',

  // ----- notes: the element's metadata -----
  'xdatenfelder.note.inactive': 'Das Element ist als inaktiv gekennzeichnet; es wurde trotzdem übernommen.',
  'xdatenfelder.note.releaseInactive': 'Das Element ist als „inaktiv“ gekennzeichnet; es wurde trotzdem übernommen.',
  'xdatenfelder.note.releaseDeletion': 'Das Element ist als „zum Löschen vorgesehen“ gekennzeichnet; es wurde trotzdem übernommen.',
  'xdatenfelder.note.unknownPrefill': 'Unbekannte Vorbefüllung „{value}“; sie wurde nicht ausgewertet.',
  'xdatenfelder.note.maxSizeNotNumber': 'Die maximale Dateigröße „{value}“ ist keine Zahl; sie wurde nicht übernommen.',
  'xdatenfelder.note.unknownRuleType': 'Unbekannter Regeltyp „{value}“; die Regel wurde wie eine Regel ohne Typ gelesen.',

  // ----- notes: data fields ({type} is one of xdatenfelder.type.*) -----
  'xdatenfelder.field.hidden': 'Das versteckte Feld „{label}“ (Feldart hidden) hat im Formular keine Entsprechung und wurde nicht übernommen.',
  'xdatenfelder.field.hiddenWithContent':
    'Das versteckte Feld „{label}“ (Feldart hidden, Inhalt „{content}“) hat im Formular keine Entsprechung und wurde nicht übernommen.',
  'xdatenfelder.field.lockedEmpty': 'Das gesperrte Feld „{label}“ (Feldart locked) hat keinen Inhalt; es wurde als gewöhnliches Eingabefeld übernommen.',
  'xdatenfelder.field.lockedComputed': 'Das gesperrte Feld „{label}“ (Feldart locked) wurde als schreibgeschützter, berechneter Wert „{content}“ übernommen.',
  'xdatenfelder.field.lockedInfo': 'Das gesperrte Feld „{label}“ (Feldart locked, {type}) wurde als Hinweistext mit seinem Inhalt „{content}“ übernommen.',
  'xdatenfelder.field.unknownKind': 'Unbekannte Feldart „{value}“; das Feld wurde als Eingabefeld übernommen.',
  'xdatenfelder.field.fileRulesIgnored':
    'Dateigröße und Dateitypen (maxSize, mediaType) gelten nur für Datei-Uploads; bei „{label}“ ({type}) wurden sie nicht übernommen.',
  'xdatenfelder.field.valuesWithoutChoice': 'Die Werteliste des Feldes „{label}“ gehört zu keiner Auswahl (Feldart {kind}); sie wurde nicht übernommen.',
  'xdatenfelder.field.defaultIgnored':
    'Die Vorbelegung „{content}“ (Inhalt) des Feldes „{label}“ wurde nicht übernommen; das Formular kennt keine Vorbelegung.',
  'xdatenfelder.field.prefillUnsupported':
    'Das Feld „{label}“ soll aus einem Nutzerkonto vorbefüllt werden ({value}); das wird nicht unterstützt, die Person gibt den Wert selbst ein.',
  'xdatenfelder.field.yesNoValues': 'Die Werte der Ja-/Nein-Auswahl „{label}“ wurden durch „Ja“ und „Nein“ ersetzt.',
  'xdatenfelder.field.codeListBesideValues':
    'Das Feld „{label}“ nennt neben seiner Werteliste die Codeliste „{list}“; übernommen wurden die Werte der Werteliste.',
  'xdatenfelder.field.codeListOnly':
    'Die Auswahl „{label}“ verweist nur auf die Codeliste „{list}“; deren Werte sind nicht in der Datei enthalten. Das Feld wurde als Textfeld übernommen; bitte die Auswahlwerte im Formulareditor ergänzen.',
  'xdatenfelder.field.codeListOnlyVersion':
    'Die Auswahl „{label}“ verweist nur auf die Codeliste „{list}“ (Version {version}); deren Werte sind nicht in der Datei enthalten. Das Feld wurde als Textfeld übernommen; bitte die Auswahlwerte im Formulareditor ergänzen.',
  'xdatenfelder.field.noValues': 'Die Auswahl „{label}“ hat weder eine Werteliste noch eine Codeliste; das Feld wurde als Textfeld übernommen.',
  'xdatenfelder.field.codeTooLong': 'Der Code „{code}“ in der Werteliste von „{label}“ ist länger als {max} Zeichen; der Wert wurde nicht übernommen.',
  'xdatenfelder.field.tooManyValues': 'Die Werteliste von „{label}“ hat mehr als {max} Werte; übernommen wurden die ersten {max}.',
  'xdatenfelder.field.duplicateCode': 'Der Code „{code}“ kommt in der Werteliste von „{label}“ mehrfach vor; nur der erste Eintrag wurde übernommen.',
  'xdatenfelder.field.latinOnly': 'Das Feld „{label}“ erlaubt nur lateinische Zeichen (Datentyp text_latin); das Formular prüft das nicht eigens.',
  'xdatenfelder.field.time': 'Das Formular kennt keine Uhrzeit (Datentyp time): „{label}“ ist ein Textfeld, das eine Uhrzeit wie 14:30 verlangt.',
  'xdatenfelder.field.datetime':
    'Das Formular kennt keinen Zeitpunkt (Datentyp datetime): „{label}“ ist ein Textfeld, das Datum und Uhrzeit wie 2026-11-22 14:30 verlangt.',
  'xdatenfelder.field.object': 'Das Feld „{label}“ erwartet ein Objekt (Datentyp obj); es wurde als Datei-Upload übernommen.',
  'xdatenfelder.field.unknownType': 'Unbekannter Datentyp „{value}“; „{label}“ wurde als Textfeld übernommen.',
  'xdatenfelder.field.mediaTypesAllowed':
    'Die Dateitypen {types} für „{label}“ werden nicht unterstützt (erkannt werden PDF, JPEG und PNG); erlaubt sind hier {allowed}.',
  'xdatenfelder.field.mediaTypesDefault':
    'Die Dateitypen {types} für „{label}“ werden nicht unterstützt (erkannt werden PDF, JPEG und PNG); es gelten die üblichen Dateitypen (PDF, JPEG, PNG).',
  'xdatenfelder.field.precisionFreeText': 'Die Präzisierung „{text}“ von „{label}“ ist nicht auswertbar und wurde nicht übernommen.',
  'xdatenfelder.field.precisionUnknownKeys': 'Unbekannte Angaben in der Präzisierung von „{label}“: {keys}; sie wurden nicht übernommen.',
  'xdatenfelder.field.precisionDropped': 'Die Präzisierung {keys} gilt nicht für „{label}“ ({type}) und wurde nicht übernommen.',
  'xdatenfelder.field.lengthsCrossed': 'Die Mindestlänge {min} von „{label}“ ist größer als die Höchstlänge {max}; beide wurden nicht übernommen.',
  'xdatenfelder.field.patternTooLong': 'Das Muster von „{label}“ ist länger als {max} Zeichen und wurde nicht übernommen.',
  'xdatenfelder.field.patternRefused': 'Das Muster von „{label}“ wurde nicht übernommen: {problem}',
  'xdatenfelder.field.valueNotForType': 'Der Wert „{value}“ ({name}) von „{label}“ passt nicht zum Feldtyp {type} und wurde nicht übernommen.',
  'xdatenfelder.field.rangeCrossed': 'Der Mindestwert {min} von „{label}“ ist größer als der Höchstwert {max}; beide wurden nicht übernommen.',
  'xdatenfelder.field.filesCapped': '„{label}“ erlaubt {max} Dateien (Anzahl {count}); die Zahl der Dateien wurde auf {limit} begrenzt.',
  'xdatenfelder.field.filesCappedUnbounded': '„{label}“ erlaubt beliebig viele Dateien (Anzahl {count}); die Zahl der Dateien wurde auf {limit} begrenzt.',
  'xdatenfelder.field.repeatInGroup':
    'Das Feld „{label}“ darf mehrfach angegeben werden (Anzahl {count}), liegt aber in einer wiederholbaren Gruppe; es wurde einmal je Eintrag übernommen.',
  'xdatenfelder.field.emailLengths': '„{label}“ wurde als E-Mail-Feld übernommen; es prüft die Form der Adresse statt der Längenangaben der Präzisierung.',

  // ----- the names of field types, within notes -----
  'xdatenfelder.type.text': 'Textfeld',
  'xdatenfelder.type.integer': 'Ganzzahl',
  'xdatenfelder.type.decimal': 'Dezimalzahl',
  'xdatenfelder.type.money': 'Geldbetrag',
  'xdatenfelder.type.date': 'Datum',
  'xdatenfelder.type.yesno': 'Ja/Nein',
  'xdatenfelder.type.choice': 'Auswahl',
  'xdatenfelder.type.checkboxes': 'Mehrfachauswahl',
  'xdatenfelder.type.file': 'Datei-Upload',
  'xdatenfelder.type.info': 'Hinweistext',
  'xdatenfelder.type.other': '{type}',

  // ----- notes: groups and the schema -----
  'xdatenfelder.group.choice':
    'Die Gruppe „{label}“ ist eine Auswahlgruppe (nur eine ihrer Untergruppen ist auszufüllen). Das lässt sich nicht abbilden; alle Untergruppen wurden übernommen.',
  'xdatenfelder.group.unknownKind': 'Unbekannte Gruppenart „{value}“; die Gruppe wurde als gewöhnliche Gruppe übernommen.',
  'xdatenfelder.group.nestedRepeat':
    'Die wiederholbare Gruppe „{label}“ (Anzahl {count}) liegt in einer wiederholbaren Gruppe; verschachtelte Wiederholungen kann das Formular nicht abbilden. Ihre Felder wurden je Eintrag einmal übernommen.',
  'xdatenfelder.group.empty': 'Die Gruppe „{label}“ enthält keine Felder; sie wurde übergangen.',
  'xdatenfelder.group.noStep': 'Die Gruppe „{label}“ enthält keine Felder; für sie wurde kein Schritt angelegt.',
  'xdatenfelder.group.optionalToggle':
    'Die Gruppe „{label}“ ist optional (Anzahl {count}) und enthält Pflichtfelder: Die Ja-/Nein-Frage „{question}“ wurde ergänzt; die Felder der Gruppe erscheinen und gelten nur bei „Ja“.',
  'xdatenfelder.group.entriesCapped': 'Die Anzahl {count} von „{label}“ übersteigt die {max} Einträge, die das Formular zulässt; sie wurde auf {max} begrenzt.',
  'xdatenfelder.group.repeatWithUploads':
    'Die Gruppe „{label}“ ist wiederholbar (Anzahl {count}), enthält aber Datei-Uploads, die ein Gruppeneintrag nicht haben kann. Ihre Felder wurden einmal übernommen; die Wiederholung fehlt.',
  'xdatenfelder.group.noFields':
    'Die Datenfeldgruppe „{label}“ enthält keine Datenfelder. Es wurde ein Schritt mit einem Hinweis angelegt; bitte die Felder im Formulareditor ergänzen.',
  'xdatenfelder.schema.noFields':
    'Das Datenschema „{label}“ enthält keine Datenfelder. Es wurde ein Schritt mit einem Hinweis angelegt; bitte die Felder im Formulareditor ergänzen.',

  // ----- notes: rules ({problem} is one of xdatenfelder.ruleProblem.*) -----
  'xdatenfelder.rule.notRead':
    "Die Regel {rule} „{name}“ wurde nicht übernommen: weder Skript noch Text sind in einer auswertbaren Form (z. B. „WENN F… = 'wert', DANN aktiviere F… UND mache es zu einer Pflichtangabe“). Bitte im Formulareditor nachbilden.",
  'xdatenfelder.rule.notReadWithText':
    "Die Regel {rule} „{name}“ wurde nicht übernommen: weder Skript noch Text sind in einer auswertbaren Form (z. B. „WENN F… = 'wert', DANN aktiviere F… UND mache es zu einer Pflichtangabe“). Bitte im Formulareditor nachbilden. Text der Regel: „{text}“",
  'xdatenfelder.rule.partUnread': 'Ein Teil der Regel {rule} „{name}“ ist nicht auswertbar und wurde nicht übernommen: „{sentence}“.',
  'xdatenfelder.rule.notApplied': 'Die Regel {rule} „{name}“ wurde nicht (vollständig) übernommen: {problem}',
  'xdatenfelder.rule.notAppliedWithText': 'Die Regel {rule} „{name}“ wurde nicht (vollständig) übernommen: {problem} Text der Regel: „{text}“',
  'xdatenfelder.ruleProblem.wholeField': 'Sie nennt kein Ziel und gilt für das Feld {id} als Ganzes, das sich so nicht steuern lässt.',
  'xdatenfelder.ruleProblem.wholeGroup': 'Sie nennt kein Ziel und gilt für die Gruppe {id} als Ganzes, das sich so nicht steuern lässt.',
  'xdatenfelder.ruleProblem.wholeSchema': 'Sie nennt kein Ziel und gilt für das Datenschema {id} als Ganzes, das sich so nicht steuern lässt.',
  'xdatenfelder.ruleProblem.notInForm': 'Das Element {id} kommt im Formular nicht vor.',
  'xdatenfelder.ruleProblem.ambiguous': 'Das Element {id} kommt im Formular mehrfach vor; es ist nicht eindeutig, welches gemeint ist.',
  'xdatenfelder.ruleProblem.cycle': 'Sie würde eine zirkuläre Abhängigkeit erzeugen ({cycle}).',
  'xdatenfelder.ruleProblem.hideAlways': 'Ein Element ohne Bedingung auszublenden, lässt sich nicht abbilden.',
  'xdatenfelder.ruleProblem.requiredGroup': 'Eine ganze Gruppe ({id}) zur Pflichtangabe zu machen, lässt sich nicht abbilden.',
  'xdatenfelder.ruleProblem.targetInfo': 'Das Ziel {id} ist ein Hinweistext.',
  'xdatenfelder.ruleProblem.selfDependent': 'Sie macht das Feld {id} von sich selbst abhängig.',
  'xdatenfelder.ruleProblem.computeTarget': 'Das Ziel der Berechnung ist kein Zahlen- oder Textfeld.',
  'xdatenfelder.ruleProblem.operandGroup': '{id} ist eine Gruppe, kein einzelnes Feld.',
  'xdatenfelder.ruleProblem.operandInRepeat': '{id} liegt in einer wiederholbaren Gruppe und ist von {target} aus nicht eindeutig.',
  'xdatenfelder.ruleProblem.operandSameStep': '{id} liegt im selben Schritt, dessen Anzeige es steuern soll.',
  'xdatenfelder.ruleProblem.operandInfo': '{id} ist ein Hinweistext ohne Wert.',
  'xdatenfelder.ruleProblem.checkboxesOrder': 'Eine Mehrfachauswahl ({id}) lässt sich nicht der Größe nach vergleichen.',
  'xdatenfelder.ruleProblem.notOrdered': '{id} ist weder Zahl noch Datum und lässt sich nicht der Größe nach vergleichen.',
  'xdatenfelder.ruleProblem.notYesNo': 'Der Wert „{value}“ passt nicht zur Ja-/Nein-Frage {id}.',
  'xdatenfelder.ruleProblem.notNumber': 'Der Wert „{value}“ ist keine Zahl, {id} aber ein Zahlenfeld.',
  'xdatenfelder.ruleProblem.notOption': 'Der Wert „{value}“ kommt in der Auswahl von {id} nicht vor.',
  'xdatenfelder.ruleProblem.yesNotFit': 'Der Wert „ja“ passt nicht zu {id}.',
  'xdatenfelder.ruleProblem.noNotFit': 'Der Wert „nein“ passt nicht zu {id}.',
  'xdatenfelder.ruleProblem.computeNotNumber': '{id} ist kein Zahlenfeld und kann nicht in die Berechnung eingehen.',
};
