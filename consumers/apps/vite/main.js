import { init } from '@leadbeacon/browser';

init({ endpoint: import.meta.env.VITE_LEADBEACON_ENDPOINT }).then(() => (document.body.dataset.leadbeacon = 'ready'));
