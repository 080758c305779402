import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QrCode } from './QrCode.js';

/** The dark modules the SVG draws, as "x,y" in module coordinates (quiet zone removed). */
function darkModules(svg: Element): { dark: Set<string>; size: number } {
  const extent = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
  const d = svg.querySelector('path')?.getAttribute('d') ?? '';
  const dark = new Set(
    [...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${+m[1]! - 4},${+m[2]! - 4}`),
  );
  return { dark, size: extent - 8 };
}

describe('QrCode', () => {
  it('draws a named picture with the three finder patterns and a quiet zone', () => {
    const url = 'http://localhost:3000/kirjasto/aaaaaaaaaaaaaaaaaaaaaaaa';
    render(<QrCode value={url} label={`QR: ${url}`} />);
    const svg = screen.getByRole('img', { name: `QR: ${url}` });
    const { dark, size } = darkModules(svg);
    // Version 4 holds this URL at level M: 33 modules a side.
    expect(size).toBe(33);
    // A finder pattern: a dark 7×7 ring, a light ring inside it, a dark 3×3 core, and a light
    // separator around it; at the top left, top right and bottom left corners.
    for (const [ox, oy] of [
      [0, 0],
      [size - 7, 0],
      [0, size - 7],
    ] as const) {
      const at = (x: number, y: number) => dark.has(`${ox + x},${oy + y}`);
      for (let i = 0; i < 7; i++) {
        expect(at(i, 0) && at(i, 6) && at(0, i) && at(6, i), `ring at ${ox},${oy}`).toBe(true);
      }
      for (let i = 1; i < 6; i++)
        expect(at(i, 1) || at(1, i), `light ring at ${ox},${oy}`).toBe(false);
      for (let x = 2; x < 5; x++) for (let y = 2; y < 5; y++) expect(at(x, y)).toBe(true);
    }
    expect(dark.has(`7,7`)).toBe(false);
    // Nothing is drawn in the quiet zone.
    expect([...dark].every((k) => k.split(',').every((n) => +n >= 0 && +n < size))).toBe(true);
  });

  it('draws a different code for a different address', () => {
    const a = render(<QrCode value="http://x.fi/kirjasto/1" label="a" />).container;
    const b = render(<QrCode value="http://x.fi/kirjasto/2" label="b" />).container;
    expect(a.querySelector('path')?.getAttribute('d')).not.toBe(
      b.querySelector('path')?.getAttribute('d'),
    );
  });
});
