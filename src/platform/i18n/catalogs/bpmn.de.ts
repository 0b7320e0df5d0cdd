// German texts of the BPMN 2.0 import and export of workflows; merged into the reference catalog in ../de.ts.
// „…“ marks a value from the file.
export const bpmnDe = {
  // ----- refusals: the file -----
  'bpmn.file.missing': 'Bitte wählen Sie eine BPMN-Datei aus.',
  'bpmn.file.tooLarge': 'Die Datei ist zu groß. Erlaubt sind höchstens {mb} MB.',
  'bpmn.file.empty': 'Die Datei ist leer. Bitte wählen Sie eine BPMN-Datei (.bpmn oder .xml).',
  'bpmn.file.encoding': 'Die Datei ist nicht in UTF-8 kodiert. Bitte speichern Sie sie im Modellierungswerkzeug als UTF-8 und laden Sie sie erneut hoch.',
  'bpmn.file.doctype': 'Die Datei enthält eine DOCTYPE-Deklaration. BPMN-Dateien haben keine; sie wird aus Sicherheitsgründen nicht verarbeitet.',
  'bpmn.file.notXml': 'Die Datei ist kein wohlgeformtes XML. Bitte exportieren Sie den Prozess aus Ihrem Modellierungswerkzeug als BPMN 2.0 (XML).',
  'bpmn.file.notXmlAt':
    'Die Datei ist kein wohlgeformtes XML (Fehler in Zeile {line}, Spalte {column}). Bitte exportieren Sie den Prozess aus Ihrem Modellierungswerkzeug als BPMN 2.0 (XML).',
  'bpmn.file.notBpmn':
    'Die Datei ist XML, aber kein BPMN 2.0: Ihr Wurzelelement ist nicht <definitions> im Namensraum http://www.omg.org/spec/BPMN/20100524/MODEL. Bitte wählen Sie einen BPMN-2.0-Export.',
  'bpmn.file.noProcess':
    'Die BPMN-Datei enthält keinen Prozess. Bitte exportieren Sie einen Prozess mit Aufgaben, nicht nur eine Kollaboration oder Choreographie.',
  'bpmn.file.noTasks': 'Der Prozess enthält keine Aufgabe, die ein Bearbeitungsschritt werden kann (Benutzer-, manuelle oder einfache Aufgabe).',
  'bpmn.file.unexpected':
    'Die BPMN-Datei konnte nicht ausgewertet werden: Ihre Elemente verweisen auf eine Weise aufeinander, die kein Ablauf sein kann. Bitte prüfen Sie den Prozess im Modellierungswerkzeug.',

  // ----- what could not be mapped, and what happened to it -----
  'bpmn.unmapped.process': 'Weiterer Prozess (Pool): nicht übernommen. Übernommen wird nur der erste Prozess mit Aufgaben.',
  'bpmn.unmapped.messageFlow': 'Nachrichtenfluss zwischen Pools: nicht übernommen.',
  'bpmn.unmapped.unknownElement': 'Das Element <{element}> gehört nicht zu BPMN 2.0 und wurde übersprungen.',
  'bpmn.unmapped.unresolved': 'Verweis auf „{ref}“: Ein Element mit dieser ID gibt es in der Datei nicht; der Verweis wurde übersprungen.',
  'bpmn.unmapped.unreadable': 'Nicht lesbarer Inhalt, übersprungen: {detail}',
  'bpmn.unmapped.endTrigger': 'Als Endzustand übernommen; das Ergebnis des Endereignisses ({definition}) nicht.',
  'bpmn.unmapped.startTrigger': 'Der Auslöser des Startereignisses ({definition}) wird nicht übernommen: Ein Vorgang beginnt mit dem Eingang des Antrags.',
  'bpmn.unmapped.extraStart': 'Weiteres Startereignis: nicht übernommen. Ein Ablauf beginnt mit dem ersten Startereignis.',
  'bpmn.unmapped.timerNonInterrupting':
    'Nicht unterbrechendes Zeitereignis (etwa eine Erinnerung): nicht übernommen. Der Fluss danach wurde als Übergang von Hand aus der Aufgabe übernommen.',
  'bpmn.unmapped.timerDuration':
    'Zeitereignis „{duration}“: keine Dauer in ganzen Tagen oder Wochen (etwa P14D), darum kein Fristübergang. Der Fluss danach wurde als Übergang von Hand übernommen.',
  'bpmn.unmapped.split':
    'Verzweigung: nicht übernommen. Ein Vorgang ist immer in genau einem Zustand; die Wege nach der Verzweigung wurden als Alternativen (Entweder-oder) übernommen.',
  'bpmn.unmapped.subProcess': 'Teilprozess: sein Inhalt wird nicht übernommen. Die Flüsse hinein und hinaus wurden zu Übergängen an ihm vorbei verbunden.',
  'bpmn.unmapped.joined':
    'Dieses Element hat im Ablauf keine Entsprechung (es wird von keiner Person in einem Zustand bearbeitet). Die Flüsse hinein und hinaus wurden zu Übergängen an ihm vorbei verbunden.',
  'bpmn.unmapped.element': 'Dieses Element hat im Ablauf keine Entsprechung und wurde nicht übernommen.',
  'bpmn.unmapped.data': 'Datenobjekt oder Datenspeicher: nicht übernommen. Unterlagen eines Vorgangs stehen in seiner Akte.',
  'bpmn.unmapped.annotation': 'Anmerkung „{text}“: nicht übernommen.',
  'bpmn.unmapped.condition':
    'Bedingung „{condition}“ am Fluss: nicht übernommen. Welcher Weg gilt, entscheidet die Sachbearbeitung; Voraussetzungen lassen sich im Ablauf als Bedingung des Übergangs festlegen.',
  'bpmn.unmapped.noStart': 'Der Prozess hat kein Startereignis. Als erster Zustand wurde „{state}“ gewählt.',
  'bpmn.unmapped.deadEnd': 'Aufgabe ohne ausgehenden Fluss: Sie beendet den Prozess und wurde darum als Endzustand übernommen.',

  // ----- BPMN element types, as modellers name them -----
  'bpmn.type.Process': 'Prozess (Pool)',
  'bpmn.type.MessageFlow': 'Nachrichtenfluss',
  'bpmn.type.SequenceFlow': 'Sequenzfluss',
  'bpmn.type.StartEvent': 'Startereignis',
  'bpmn.type.EndEvent': 'Endereignis',
  'bpmn.type.IntermediateCatchEvent': 'Zwischenereignis (eintretend)',
  'bpmn.type.IntermediateThrowEvent': 'Zwischenereignis (auslösend)',
  'bpmn.type.BoundaryEvent': 'Angeheftetes Ereignis',
  'bpmn.type.ParallelGateway': 'Parallele Verzweigung (UND)',
  'bpmn.type.InclusiveGateway': 'Inklusive Verzweigung (ODER)',
  'bpmn.type.ComplexGateway': 'Komplexe Verzweigung',
  'bpmn.type.EventBasedGateway': 'Ereignisbasierte Verzweigung',
  'bpmn.type.ScriptTask': 'Skriptaufgabe',
  'bpmn.type.ServiceTask': 'Serviceaufgabe',
  'bpmn.type.SendTask': 'Sendeaufgabe',
  'bpmn.type.BusinessRuleTask': 'Geschäftsregelaufgabe',
  'bpmn.type.UserTask': 'Benutzeraufgabe',
  'bpmn.type.SubProcess': 'Teilprozess',
  'bpmn.type.AdHocSubProcess': 'Ad-hoc-Teilprozess',
  'bpmn.type.Transaction': 'Transaktion',
  'bpmn.type.CallActivity': 'Aufrufaktivität',
  'bpmn.type.DataObjectReference': 'Datenobjekt',
  'bpmn.type.DataStoreReference': 'Datenspeicher',
  'bpmn.type.TextAnnotation': 'Anmerkung',
  'bpmn.type.Group': 'Gruppe',

  // ----- the studio pages -----
  'bpmn.import.title': 'Ablauf aus BPMN 2.0 importieren',
  'bpmn.import.intro':
    'Laden Sie einen Prozess im Format BPMN 2.0 (XML) hoch, etwa aus Camunda Modeler, Signavio oder ADONIS. Aufgaben werden zu Zuständen, Sequenzflüsse und exklusive Verzweigungen zu Übergängen, Lanes zu Rollen, Zeitereignisse zu Fristübergängen. Was sich nicht übernehmen lässt, wird aufgelistet. Gespeichert wird erst, wenn Sie das Ergebnis übernehmen.',
  'bpmn.import.file': 'BPMN-Datei (.bpmn oder .xml)',
  'bpmn.import.submit': 'Datei prüfen',
  'bpmn.import.result': 'Ergebnis: „{name}“',
  'bpmn.import.counts': '{states} Zustände, {transitions} Übergänge und {roles} Rollen erkannt.',
  'bpmn.import.statesCaption': 'Erkannte Zustände',
  'bpmn.import.state': 'Zustand',
  'bpmn.import.ways': 'Übergänge',
  'bpmn.import.final': 'Endzustand',
  'bpmn.import.initial': 'erster Zustand',
  'bpmn.import.unmappedHeading': 'Nicht übernommen ({count})',
  'bpmn.import.unmappedNone': 'Alle Elemente der Datei wurden übernommen.',
  'bpmn.import.unmappedCaption': 'Elemente der Datei, die nicht oder nur teilweise übernommen wurden',
  'bpmn.import.elementId': 'Element-ID',
  'bpmn.import.elementType': 'Typ',
  'bpmn.import.elementName': 'Name',
  'bpmn.import.treatment': 'Was damit geschehen ist',
  'bpmn.import.acceptHeading': 'Übernehmen',
  'bpmn.import.key': 'Schlüssel des Ablaufs',
  'bpmn.import.keyHint': 'Kleinbuchstaben, Ziffern und Bindestriche, etwa „bauantrag“. Gibt es den Schlüssel schon, entsteht eine neue Version dieses Ablaufs.',
  'bpmn.import.name': 'Name des Ablaufs',
  'bpmn.import.accept': 'Übernehmen',
  'bpmn.import.decideLegend': 'Welche Übergänge entscheiden über den Antrag (Bescheid)?',
  'bpmn.import.decideHint':
    'BPMN kennt keinen Bescheid. Ein Ablauf braucht mindestens einen Übergang, der entscheidet; vorausgewählt sind die, deren Name danach klingt.',
  'bpmn.import.again': 'Andere Datei wählen',
  'bpmn.import.keyInvalid': 'Bitte geben Sie einen Schlüssel aus Kleinbuchstaben, Ziffern und Bindestrichen ein, etwa „bauantrag“.',
  'bpmn.import.keyReserved': 'Der Schlüssel „import“ ist für diese Seite vergeben. Bitte wählen Sie einen anderen.',
  'bpmn.import.nameRequired': 'Bitte geben Sie einen Namen für den Ablauf ein.',
  'bpmn.import.stale': 'Die geprüfte Datei ist nicht mehr lesbar. Bitte laden Sie sie erneut hoch.',
  'bpmn.import.refused': 'Der Ablauf kann so nicht gespeichert werden:',
  'bpmn.import.saved': 'Der Ablauf „{name}“ ist als Version {version} gespeichert.',
  'bpmn.export.link': 'Als BPMN 2.0 herunterladen',
} as const;
