import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server listens on 3000 in development; the browser talks to one origin so the
// session cookie and the CSRF cookie work exactly as in production.
const apiTarget = process.env['TIANTAI_API'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': decodeURIComponent(new URL('./src', import.meta.url).pathname) },
  },
  server: {
    port: 5173,
    proxy: {
      '/api/': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api/': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Not Vite's default /assets/: that path is the app's own (/assets/<id> is what an asset's QR label opens).
    assetsDir: 'static',
    // antd and its icons are one large, rarely changing vendor chunk; keep it apart from app code.
    chunkSizeWarningLimit: 1600,
  },
});
