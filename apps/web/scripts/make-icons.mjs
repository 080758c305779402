// Draws the app's home-screen icons (public/icons/*.png) from the favicon's shapes: a blue
// rounded square with a white speech bubble. Run by hand when the mark changes:
//   node apps/web/scripts/make-icons.mjs
// The PNGs are committed (small), so a build needs no image tools.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const BLUE = [0x1d, 0x4e, 0x89];
const WHITE = [0xff, 0xff, 0xff];
// favicon.svg's bubble, in its 32×32 box: M8 11h16v9H14l-4 4v-4H8z
const BUBBLE = [
  [8, 11],
  [24, 11],
  [24, 20],
  [14, 20],
  [10, 24],
  [10, 20],
  [8, 20],
];

function inside([x, y], poly) {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/**
 * `maskable`: full-bleed background (Android and iOS cut their own shape); the mark stays well
 * inside the safe zone (a circle of 40% radius) either way.
 */
function icon(size, { maskable = false } = {}) {
  const png = new PNG({ width: size, height: size });
  const radius = maskable ? 0 : (7 / 32) * size;
  const SS = 4; // samples per axis, for smooth edges
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) {
          const x = px + (sx + 0.5) / SS;
          const y = py + (sy + 0.5) / SS;
          const cx = Math.min(Math.max(x, radius), size - radius);
          const cy = Math.min(Math.max(y, radius), size - radius);
          if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) continue;
          bg++;
          // Into the favicon's 32-unit box.
          const u = (x / size) * 32;
          const v = (y / size) * 32;
          if (inside([u, v + 0.5], BUBBLE)) fg++;
        }
      const n = SS * SS;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++)
        png.data[i + c] = Math.round((BLUE[c] * (bg - fg) + WHITE[c] * fg) / Math.max(bg, 1));
      png.data[i + 3] = Math.round((255 * bg) / n);
    }
  return PNG.sync.write(png, { colorType: 6 });
}

const out = path.join(import.meta.dirname, '../public/icons');
writeFileSync(path.join(out, 'icon-192.png'), icon(192));
writeFileSync(path.join(out, 'icon-512.png'), icon(512));
writeFileSync(path.join(out, 'maskable-512.png'), icon(512, { maskable: true }));
writeFileSync(path.join(out, 'apple-touch-icon.png'), icon(180, { maskable: true }));
