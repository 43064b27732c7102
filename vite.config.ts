import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// TensorFlow.js publishes an ES-module build ("module") beside a CommonJS
// bundle ("main"). Node picks the CommonJS bundle, which trains about 3.5x
// slower on the CPU backend (measured on a 2-core x86-64 machine), so the unit
// tests inline the @tensorflow packages and resolve their ES-module entries.
export default defineConfig({
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1' },
  // Workers start with `new Worker(new URL(...))`, which Vite's dependency
  // scan does not follow. Without these entries the dev server found
  // TensorFlow.js on the first training and reloaded the page mid-run.
  optimizeDeps: { entries: ['index.html', 'workers/**/*.ts', '!workers/**/*.test.ts'] },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['src/testing/setup-tf.ts'],
    server: { deps: { inline: [/@tensorflow\//] } },
  },
  environments: { ssr: { resolve: { mainFields: ['module', 'main'] } } },
});
