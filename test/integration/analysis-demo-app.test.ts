import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoApp, DemoAppOptions } from '../support/demo-app/index.js';
import { startDemoApp } from '../support/demo-app/index.js';

/** The demo app that stands in for a real service in the analysis, deploy and demo tests. */
describe('demo app', () => {
  const running: DemoApp[] = [];
  const start = async (options: DemoAppOptions = {}): Promise<DemoApp> => {
    const app = await startDemoApp(options);
    running.push(app);
    return app;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.stop()));
  });

  const get = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, body: await response.text() };
  };

  it('answers with its version and slot, its health, and work', async () => {
    const app = await start({ version: '1.4.2', slot: 'green' });
    expect(await get(`${app.url}/`)).toEqual({ status: 200, body: '{"version":"1.4.2","slot":"green"}' });
    expect(await get(`${app.url}/health`)).toEqual({ status: 200, body: '{"status":"UP","version":"1.4.2"}' });
    expect(await get(`${app.url}/api/work`)).toEqual({
      status: 200,
      body: '{"ok":true,"version":"1.4.2","slot":"green"}',
    });
    expect(app.output()).toMatch(/^demo-app listening on http:\/\/127\.0\.0\.1:\d+ version=1\.4\.2 slot=green$/m);
  });

  it('counts requests to / and /api/* by code, slot and version, not health checks or scrapes', async () => {
    const app = await start({ version: '2.0.0', slot: 'blue' });
    await get(`${app.url}/`);
    await get(`${app.url}/api/work`);
    await get(`${app.url}/api/missing`);
    await get(`${app.url}/health`);
    await get(`${app.url}/metrics`);
    const metrics = (await get(`${app.url}/metrics`)).body;
    expect(metrics).toContain('http_requests_total{code="200",slot="blue",version="2.0.0"} 2');
    expect(metrics).toContain('http_requests_total{code="404",slot="blue",version="2.0.0"} 1');
    // Present from the start, so rate() sees the first error at the next scrape.
    expect(metrics).toContain('http_requests_total{code="500",slot="blue",version="2.0.0"} 0');
    expect(metrics).toContain('http_request_duration_seconds_count{slot="blue",version="2.0.0"} 3');
  });

  it('switches to 5xx, unhealthy and slow over /control, and back', async () => {
    const app = await start();
    await app.setMode('error');
    expect((await get(`${app.url}/api/work`)).status).toBe(500);
    expect((await get(`${app.url}/`)).status).toBe(500);
    expect((await get(`${app.url}/health`)).status).toBe(200);
    await app.setMode('unhealthy');
    expect(await get(`${app.url}/health`)).toEqual({ status: 503, body: '{"status":"DOWN"}' });
    expect((await get(`${app.url}/`)).status).toBe(200);
    await app.setMode('slow', { delayMs: 300 });
    const before = performance.now();
    expect((await get(`${app.url}/health`)).status).toBe(200);
    expect(performance.now() - before).toBeGreaterThanOrEqual(290);
    await app.setMode('healthy');
    expect((await get(`${app.url}/api/work`)).status).toBe(200);
  });

  it('fails a share of requests at the given error rate', async () => {
    const app = await start({ mode: 'error', errorRate: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () => get(`${app.url}/api/work`).then((r) => r.status)),
    );
    const errors = statuses.filter((status) => status === 500).length;
    expect(errors).toBeGreaterThan(50);
    expect(errors).toBeLessThan(150);
  });

  it('starts as a bad version from its environment, as a deploy hook would start it', async () => {
    const app = await start({ mode: 'unhealthy' });
    expect((await get(`${app.url}/health`)).status).toBe(503);
  });

  it('is alive but not ready in degraded mode, and refuses an upload over 1 KiB with 413', async () => {
    const app = await start({ mode: 'degraded' });
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    const ready = await fetch(`${app.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'DEGRADED' });
    const upload = (size: number) => fetch(`${app.url}/api/upload`, { method: 'POST', body: 'x'.repeat(size) });
    expect((await upload(1024)).status).toBe(200);
    expect((await upload(1025)).status).toBe(413);
  });

  it('refuses a bad switch', async () => {
    const app = await start();
    const response = await fetch(`${app.url}/control`, { method: 'POST', body: '{"mode":"broken"}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "mode is 'broken'; expected one of healthy, error, unhealthy, slow, degraded",
    });
  });

  it('follows its control file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-demo-'));
    try {
      const controlFile = join(dir, 'control.json');
      const app = await start({ controlFile });
      expect((await get(`${app.url}/api/work`)).status).toBe(200);
      writeFileSync(controlFile, JSON.stringify({ mode: 'error' }));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect((await get(`${app.url}/api/work`)).status).toBe(500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits cleanly on SIGTERM, even with a keep-alive connection open', async () => {
    const app = await start();
    await get(`${app.url}/`);
    const before = performance.now();
    await app.stop();
    expect(performance.now() - before).toBeLessThan(1_500);
    expect(() => process.kill(app.pid, 0)).toThrow();
  });

  it('refuses to start on a port in use, saying so', async () => {
    const app = await start();
    await expect(startDemoApp({ port: app.port })).rejects.toThrow(
      /demo-app exited \(2\) before it was ready: demo-app: cannot listen on 127\.0\.0\.1:\d+: listen EADDRINUSE/,
    );
  });
});
