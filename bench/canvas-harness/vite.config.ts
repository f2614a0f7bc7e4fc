import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The benchmark page only: bench/canvas.bench.ts builds it into a temp folder (outDir is
// passed there), so the app's own vite.config.ts and dist/ are never touched.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: { emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 5000 },
});
