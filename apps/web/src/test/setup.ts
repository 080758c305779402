import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../lib/i18n.js';

initI18n('fi');
afterEach(() => cleanup());
