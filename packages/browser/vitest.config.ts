import { defineConfig } from 'vitest/config';

export default defineConfig({ define: { __DEBUG__: 'false' } });
