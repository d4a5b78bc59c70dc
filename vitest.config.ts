import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Console and simulate tests spawn the real CLI, which takes a moment to boot under tsx.
    testTimeout: 30_000,
  },
});
