// Development: the app calls /api and /uploads on its own origin and Vite proxies them to
// the API, so the browser sees one origin and no CORS is involved.
// Production: `VITE_API_ORIGIN=https://api.example.com vite build` bakes the API's origin
// into the client, which then calls it cross-origin; the API's CORS (Corsa) allows it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The hono-node example's default port (npm start -w examples/hono-node); API_URL for another API.
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/uploads': { target: api, changeOrigin: true },
    },
  },
});
