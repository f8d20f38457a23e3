import { defineConfig } from 'vite';

// SharedArrayBuffer and precise timers need cross-origin isolation: COOP/COEP on dev and preview.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  server: { headers: isolation, host: '127.0.0.1' },
  preview: { headers: isolation, host: '127.0.0.1' },
  worker: { format: 'es' },
  // Two pages: the lab (index.html) and the workshop room's phone page (phone.html).
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2000, rollupOptions: { input: { lab: 'index.html', phone: 'phone.html' } } },
});
