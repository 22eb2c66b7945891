/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri serves the built files from dist/; in development it points at the dev server.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  // The preview's fonts come from the repository's assets/ (one copy for PDF and screen).
  server: { port: 5173, strictPort: true, fs: { allow: ['..'] } },
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
