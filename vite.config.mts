import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: built into build/renderer, served by Electron's app:// protocol or by the web host.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
});
