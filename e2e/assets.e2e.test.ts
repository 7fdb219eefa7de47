/**
 * The built client as a browser and a cache receive it: compressed (brotli for a browser, gzip or
 * identity for clients that ask for it), content-hashed files immutable for a year, index.html
 * revalidated, and no source map reachable though the maps are in the build folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useE2E } from './support/fixture.ts';
import { builtClientDir } from './support/buildClient.ts';

const e2e = useE2E();

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with exactly the headers given, the body left as sent (no decoding). */
function raw(url: string, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('built assets', { timeout: 120_000 }, () => {
  it('a browser gets brotli, immutable hashed assets and a revalidated index.html', async () => {
    const guest = await e2e.guest('guest');
    const seen = new Map<string, Record<string, string>>();
    guest.page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.origin === e2e.baseUrl && !url.pathname.startsWith('/api/')) seen.set(url.pathname, res.headers());
    });
    await guest.page.goto('/sign-in');
    await guest.page.getByRole('heading', { name: 'Sign in' }).waitFor();

    const doc = seen.get('/sign-in');
    expect(doc?.['cache-control']).toBe('no-cache');
    expect(doc?.etag).toBeTruthy();

    const scripts = [...seen.keys()].filter((p) => p.startsWith('/assets/') && p.endsWith('.js'));
    const styles = [...seen.keys()].filter((p) => p.startsWith('/assets/') && p.endsWith('.css'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(styles.length).toBeGreaterThan(0);
    for (const p of [...scripts, ...styles]) {
      const h = seen.get(p)!;
      // Files under the build's 1 KiB threshold (vite.config.ts) fit in one packet either way.
      if (Number(h['content-length'] ?? Infinity) >= 1024 || h['content-encoding'])
        expect(h['content-encoding'], p).toBe('br');
      expect(h['cache-control'], p).toBe(IMMUTABLE);
      expect(h.vary?.toLowerCase(), p).toContain('accept-encoding');
    }
  });

  it('serves gzip or identity to clients that ask for them, the same bytes once decoded', async () => {
    const index = await raw(`${e2e.baseUrl}/`);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.body.toString())?.[1];
    expect(script).toBeTruthy();
    const url = `${e2e.baseUrl}${script}`;

    const plain = await raw(url);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);

    const gz = await raw(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(plain.body.length / 2);

    const br = await raw(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    // index.html revalidates: a second request with its ETag is answered 304, no body.
    const again = await raw(`${e2e.baseUrl}/`, { 'if-none-match': String(index.headers.etag) });
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('keeps source maps in the build folder and never serves one', async () => {
    const assets = path.join(builtClientDir(), 'assets');
    const maps = readdirSync(assets).filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const f of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
      expect(readFileSync(path.join(assets, f), 'utf8'), f).not.toContain('sourceMappingURL');
    }
    for (const map of maps) {
      for (const suffix of ['', '.br', '.gz', '?x=1']) {
        const res = await raw(`${e2e.baseUrl}/assets/${map}${suffix}`, { 'accept-encoding': 'br, gzip' });
        expect(res.status, map + suffix).toBe(404);
        expect(res.body.toString()).not.toContain('"mappings"');
      }
    }
    // Nor the compressed copies by their own names, nor a map through path tricks.
    const js = readdirSync(assets).find((n) => n.endsWith('.js'))!;
    for (const p of [
      `/assets/${js}.br`,
      `/assets/${js}.gz`,
      `/assets/%2e%2e/assets/${maps[0]}`,
      `/assets//${maps[0]}`,
      `/assets/${maps[0].toUpperCase()}`,
    ]) {
      const res = await raw(`${e2e.baseUrl}${p}`);
      expect([403, 404], p).toContain(res.status);
      expect(res.body.toString()).not.toContain('"mappings"');
    }
  });
});
