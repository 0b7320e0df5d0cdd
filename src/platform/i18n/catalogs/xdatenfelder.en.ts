// English texts of the XDatenfelder import (refusals and notes); merged into the English catalog in ../en.ts.
import type { xdatenfelderDe } from './xdatenfelder.de.ts';

export const xdatenfelderEn: Record<keyof typeof xdatenfelderDe, string> = {
  'xdatenfelder.placeholder': '',
};
