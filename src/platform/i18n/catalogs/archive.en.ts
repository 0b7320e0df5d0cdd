// English texts of the transfer to the archive; merged into the English catalog in ../en.ts.
import type { archiveDe } from './archive.de.ts';

export const archiveEn: Record<keyof typeof archiveDe, string> = {
  'archive.nav': 'Archive',
  'archive.title': 'Transfer to the archive',
  'archive.heading': 'Transfer to the archive: {municipality}',
  'archive.intro':
    'Finished cases whose retention period has ended and whose rule requires it are offered to the archive (xdomea 0501). The archive answers with its evaluation (0502): "A" is transferred with its documents (0503) and then deleted, "V" is deleted.',
  'archive.recipient': 'Responsible archive',
  'archive.offer.heading': 'To be offered',
  'archive.waiting.heading': "Offered, waiting for the archive's evaluation",
  'archive.transfer.heading': 'To be transferred (evaluated as worth archiving)',
  'archive.none': 'No cases.',
  'archive.col.reference': 'Reference',
  'archive.col.service': 'Service',
  'archive.col.keepUntil': 'Kept until',
  'archive.col.offeredAt': 'Offered on',
  'archive.export.heading': 'Download the package',
  'archive.export.hint':
    'A ZIP with the offer (0501) of the cases to be offered and the transfer (0503) of those to be transferred, with their files. Transferred cases are deleted by the next deletion run.',
  'archive.export.submit': 'Download xdomea package',
  'archive.import.heading': "Read the archive's evaluation",
  'archive.import.field': 'Evaluation (xdomea 0502, XML file)',
  'archive.import.submit': 'Read evaluation',
  'archive.notice.imported': 'The evaluation is read: {archive} to transfer, {destroy} to destroy, {open} still open.',
  'archive.error.nothingDue': 'No case is due to be offered or transferred at the moment.',
  'archive.error.damagedFile': 'A file of case {reference} no longer matches its checksum. The package was not made; please contact operations.',
  'archive.error.fileMissing': "Please choose the XML file with the archive's evaluation.",
  'archive.error.tooLarge': 'The file is too large for an evaluation.',
  'archive.error.notXml': 'The file is not readable XML. Nothing was changed.',
  'archive.error.notEvaluation': 'The file is not an xdomea evaluation (Aussonderung.Bewertungsverzeichnis.0502). Nothing was changed.',
  'archive.error.noObjects': 'The evaluation evaluates no case. Nothing was changed.',
  'archive.error.badObject': 'Evaluated entry {n} has no valid ID or no evaluation A, B or V. Nothing was changed.',
  'archive.error.notOffered': '{n} of {total} evaluated entries are not cases of this municipality offered to the archive. Nothing was changed.',
  'archive.cli.unknownMunicipality': 'No municipality with the short name "{slug}".',
  'archive.cli.written': 'Written: {file} ({offered} offered, {transferred} transferred).',
};
