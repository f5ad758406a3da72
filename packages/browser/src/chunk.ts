// leadbeacon-forms.js, the chunk leadbeacon.js loads on pages that need it (chunks.ts). It runs
// after the script, so `leadbeacon('_x')` is there; nothing here may throw into the page.
import type { Submit } from './chunks';
import { startForms } from './forms-chunk';
import { startFrames } from './frame-chunk';
import { readConfig } from './config';

try {
  const api = (window as Window & { leadbeacon?: (name: string) => unknown }).leadbeacon!;
  const submitLead = api('_x') as Submit;
  // The attribution a parent page handed over (frame-chunk.ts): set on every lead the chunk sends.
  let inherited: object | undefined;
  // Called from timers and the builders' events too: nothing may throw into the page.
  const submit: Submit = (lead, key) => {
    try {
      submitLead({ ...lead, ...inherited }, key);
    } catch {
      // A lead that cannot be built is lost here, as in the script's own path.
    }
  };
  // The script tag of leadbeacon.js: its data-* attributes configure the chunk too.
  const script = document.querySelector('script[data-endpoint]')!;
  // Read once for both parts. The whole config, though the chunk uses only the form attributes: a
  // second function for those would cost the script, loaded on every page, what it saves here.
  const config = readConfig((name) => script.getAttribute(name));
  startForms(submit, script, config);
  startFrames(submit, (attribution) => (inherited = attribution), script, api, config);
} catch {
  // No script on the page (the chunk loaded alone), or one too old to have `_x`: nothing to do.
}
