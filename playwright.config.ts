import { defineConfig } from '@playwright/test';

/**
 * Journeys run in Debian's Chromium (Playwright cannot download browsers
 * here), started with WebGPU enabled. On machines without a GPU the adapter
 * is SwiftShader, a CPU fallback: training steps take seconds, hence one
 * worker and long timeouts. The flags after the first stop Chromium from
 * reaching out to the network, which tests never need.
 */
const chromium = process.env.GANLAB_CHROMIUM ?? '/usr/bin/chromium';
const port = Number(process.env.GANLAB_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 15 * 60_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: chromium,
      args: [
        '--enable-unsafe-webgpu',
        '--no-sandbox',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    actionTimeout: 60_000,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
