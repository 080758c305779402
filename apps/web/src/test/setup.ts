import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { changeLanguage, initI18n, loadAllStrings } from '../lib/i18n.js';

// Every language loaded up front: tests switch languages with i18next itself too.
await initI18n('fi');
await loadAllStrings();
for (const lng of ['sv', 'en', 'fi'] as const) await changeLanguage(lng);
afterEach(() => cleanup());
