// Helpers for the browser journeys: Debian's Chromium through playwright-core, the
// portal built by Vite, and a way to read what the map actually drew.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the portal into dist/web, so the journey never runs against a stale build. */
export function buildPortal(): void {
  const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No GPU here: WebGL through SwiftShader, so MapLibre really renders.
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** Waits until MapLibre has nothing left to load or draw (the wrapper sets data-idle). */
export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="map"][data-idle="true"]', { timeout: 30_000 });
}

/**
 * The pixels [r, g, b, a, r, g, b, a, …] of the square of half-side `half` (0: the one
 * pixel) at the centre of the map, as shown on screen.
 */
export async function mapCentreRegion(page: Page, half: number): Promise<number[]> {
  const png = await page.getByTestId('map').screenshot();
  return page.evaluate(
    async ([base64, h]) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0);
      const side = Math.max(1, 2 * Number(h));
      return Array.from(context.getImageData(Math.floor(image.width / 2) - Number(h), Math.floor(image.height / 2) - Number(h), side, side).data);
    },
    [png.toString('base64'), half] as const,
  );
}

/** The colour [r, g, b] of the pixel at the centre of the map, as shown on screen. */
export async function mapCentrePixel(page: Page): Promise<[number, number, number]> {
  const [r = 0, g = 0, b = 0] = await mapCentreRegion(page, 0);
  return [r, g, b];
}

export function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

export function colourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));
}

/** Collects what should never happen on the page: script errors and requests leaving the server. */
export function watchPage(page: Page, baseUrl: string): { pageErrors: string[]; outsideRequests: string[] } {
  const watched = { pageErrors: [] as string[], outsideRequests: [] as string[] };
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseUrl) && !/^(data|blob):/.test(url)) watched.outsideRequests.push(url);
  });
  return watched;
}
