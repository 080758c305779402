// Copies non-TypeScript assets (privacy statements, seed data, mail templates) next to the
// compiled JavaScript so that `node dist/main.js` finds them where the sources do.
import { cpSync, globSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
for (const file of globSync('src/**/*.{json,md,txt}', { cwd: root })) {
  cpSync(path.join(root, file), path.join(root, 'dist', path.relative('src', file)));
}
