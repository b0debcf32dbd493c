/**
 * What `npm run build` leaves in out/ for the desktop app (npm test builds first): the main,
 * preload and renderer bundles; a page that carries a strict Content-Security-Policy; a renderer
 * that cannot reach Node or Electron; a preload that loads nothing but Electron.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';

const OUT = join(import.meta.dirname, '../../out');

function built(path: string): string {
  const file = join(OUT, path);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  }
  return readFileSync(file, 'utf8');
}

/** The policy the page's meta tag declares, by directive. */
function metaPolicy(html: string): Map<string, string[]> {
  const tags = [...html.matchAll(/<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi)];
  expect(tags, 'one Content-Security-Policy meta tag').toHaveLength(1);
  const content = /content="([^"]*)"/i.exec(tags[0]![0])![1]!.replaceAll('&#39;', "'");
  expect(content).toBe(CONTENT_SECURITY_POLICY);
  return new Map(
    content
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('npm run build', () => {
  it('produces the main, preload and renderer bundles', () => {
    for (const path of ['main/index.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(statSync(join(OUT, path), { throwIfNoEntry: false })?.size ?? 0, path).toBeGreaterThan(
        0,
      );
    }
    expect(built('main/index.js')).toContain('requestSingleInstanceLock');
    expect(built('preload/index.cjs')).toContain('exposeInMainWorld');
    const html = built('renderer/index.html');
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="\.\/(assets\/[^"]+\.js)"/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, src] of scripts) expect(existsSync(join(OUT, 'renderer', src!)), src).toBe(true);
  });

  it('gives the page a strict Content-Security-Policy before anything loads', () => {
    const html = built('renderer/index.html');
    const policy = metaPolicy(html);
    expect(['none', 'self'].map((s) => `'${s}'`)).toContain(policy.get('default-src')?.join(' '));
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    for (const [directive, sources] of policy) {
      for (const source of sources) {
        // Only the page's own files (and data: images); no eval, no inline code, nothing remote.
        expect(
          ["'self'", "'none'", 'data:'].includes(source) &&
            (source !== 'data:' || directive === 'img-src'),
          `${directive} ${source}`,
        ).toBe(true);
      }
    }
    // The policy comes before the first script or style sheet.
    const head = html.indexOf('Content-Security-Policy');
    expect(head).toBeGreaterThan(0);
    expect(head).toBeLessThan(
      html.search(/<script|<link rel="stylesheet"|<link rel="modulepreload"/),
    );
    // No inline script: every one is a file of the page's own, as the policy demands.
    for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) expect(tag).toMatch(/\bsrc="\.\//);
  });

  it('leaves no Node or Electron in the renderer bundle', () => {
    const assets = join(OUT, 'renderer/assets');
    const files = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(5);
    const forbidden = [
      /\brequire\(\s*["'`][^"'`]+["'`]\s*\)/,
      /\bfrom\s*["'`](?:electron|node:[\w/]+|fs|path|os|child_process|crypto|net|http|https|better-sqlite3|ws)["'`]/,
      /\bimport\(\s*["'`](?:electron|node:[\w/]+|fs|path|child_process|better-sqlite3)["'`]\s*\)/,
      /\bprocess\.binding\b/,
      /\bipcRenderer\b/,
      /\bbetter-sqlite3\b/,
    ];
    for (const file of files) {
      const code = readFileSync(join(assets, file), 'utf8');
      for (const pattern of forbidden)
        expect(pattern.exec(code)?.[0], `${file}: ${pattern}`).toBeUndefined();
    }
  });

  it('gives the sandboxed preload nothing to load but Electron', () => {
    const preload = built('preload/index.cjs');
    const loaded = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(loaded)).toEqual(new Set(['electron']));
    // One named function per method: the page never gets ipcRenderer itself.
    expect(preload).not.toMatch(
      /exposeInMainWorld\(\s*["'][^"']+["']\s*,\s*\w*\.?ipcRenderer\s*\)/,
    );
  });
});
