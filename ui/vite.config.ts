/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri serves the built files from dist/; in development it points at the dev server.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  // The preview's fonts come from the repository's assets/ (one copy for PDF and screen).
  // Outside Tauri the UI calls the real core through tre-dev-server (dev-server/): start it
  // (`cargo run -p tre-dev-server -- --db /tmp/t.db --port 4174`) and `npm run dev`.
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: ['..'] },
    proxy: { '/invoke': { target: process.env.TRE_DEV_SERVER ?? 'http://127.0.0.1:4174', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    target: ['es2021', 'chrome105', 'safari15'],
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
