import { defineConfig } from 'vitest/config';

// `source`: @leadbeacon/rules from its TypeScript, so the tests need no build of it first.
export default defineConfig({ define: { __DEBUG__: 'false', __SERVER__: 'false', __ESM__: 'false' }, resolve: { conditions: ['source'] }, ssr: { resolve: { conditions: ['source'] } } });
