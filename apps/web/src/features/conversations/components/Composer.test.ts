import { describe, expect, it } from 'vitest';
import { mentionQueryAt } from './Composer.js';

describe('mention autocomplete trigger', () => {
  it('finds the "@word" being typed before the caret', () => {
    expect(mentionQueryAt('Hei @Mai', 8)).toEqual({ start: 4, query: 'Mai' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('Hei @Maija ja', 13)).toBeNull();
    expect(mentionQueryAt('posti@example', 13)).toBeNull(); // an e-mail address is not a mention
  });
});
