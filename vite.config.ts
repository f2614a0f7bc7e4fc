import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once and loaded by both Electron (from app://linkgraph/) and headless serve,
// so asset paths are relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
});
