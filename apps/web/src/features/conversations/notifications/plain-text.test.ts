import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text.js';

describe('plainText', () => {
  it('drops Markdown marks and keeps the words', () => {
    expect(plainText('Hei @**Maija Meikäläinen**, katso **tämä** ja *tuo*')).toBe(
      'Hei @Maija Meikäläinen, katso tämä ja tuo',
    );
    expect(plainText('> lainaus\n- kohta\n`koodi` [linkki](https://x.fi)')).toBe(
      'lainaus kohta koodi linkki',
    );
  });
});
