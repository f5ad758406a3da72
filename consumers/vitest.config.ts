import { defineConfig } from 'vitest/config';

// One app at a time: each install and build (Next.js, Vite) takes both of the machine's cores.
export default defineConfig({
  test: {
    globalSetup: ['./support/pack.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
