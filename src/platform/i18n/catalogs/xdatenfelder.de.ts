// German texts of the XDatenfelder import (refusals and notes); merged into the reference catalog in ../de.ts.
export const xdatenfelderDe = {
  'xdatenfelder.placeholder': '',
};
