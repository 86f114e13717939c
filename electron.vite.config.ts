import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // electron-store, conf and proxy-agent are ESM-only ("type": "module"): bundle them into the CommonJS
      // main build, where a require() of them would fail at start.
      externalizeDeps: { exclude: ['electron-store', 'conf', 'proxy-agent'] },
      rollupOptions: {
        input: {
          index: resolve('main/shell/index.ts'),
          cli: resolve('main/cli/main.ts'),
          // The worker threads that talk to AWS start this file beside the others (main/core/workers/worker-file.ts).
          'aws-worker': resolve('main/core/workers/worker-entry.ts'),
        },
        output: {
          // The CLI is also the package's `bin`.
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one CommonJS file that requires nothing but `electron`.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified by default; minified it is ~40% smaller gzipped.
      minify: !process.env.SHI_NO_MINIFY,
      rollupOptions: { input: resolve('renderer/index.html') },
      chunkSizeWarningLimit: 4096,
    },
  },
});
