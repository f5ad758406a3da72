// leadbeacon-forms.js, the chunk leadbeacon.js loads on pages that need it (chunks.ts). It runs
// after the script, so `leadbeacon('_x')` is there; nothing here may throw into the page.
import type { Internals } from './chunks';
import { startForms } from './forms-chunk';
import { startFrames } from './frame-chunk';

try {
  const api = (window as Window & { leadbeacon?: (name: string) => unknown }).leadbeacon!;
  const internals = api('_x') as Internals;
  // The script tag of leadbeacon.js: its data-* attributes configure the chunk too.
  const script = document.querySelector('script[data-endpoint]')!;
  startForms(internals, script);
  startFrames(internals, script, api);
} catch {
  // No script on the page (the chunk loaded alone), or one too old to have `_x`: nothing to do.
}
