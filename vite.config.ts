// Builds the web portal (web/) into dist/web, which the server serves as static files.
// In development `npx vite` serves web/ and forwards /api to the server on port 3000.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  root: fromRoot('./web'),
  // Relative asset URLs: the portal works wherever the server mounts it.
  base: './',
  plugins: [react()],
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // MapLibre alone is about 1 MB minified; one chunk for it is expected, not a warning.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
