import { describe, expect, it } from 'vitest';
import { freeVersionId } from './version-id.js';

describe('the version id the publish form suggests', () => {
  it('is today when today has no version', () => {
    expect(freeVersionId(['2026-11-23'], '2026-11-30')).toBe('2026-11-30');
  });

  it('never suggests the version in force or another taken id', () => {
    expect(freeVersionId(['2026-11-23', '2026-11-30'], '2026-11-30')).toBe('2026-11-30-2');
    expect(freeVersionId(['2026-11-30', '2026-11-30-2'], '2026-11-30')).toBe('2026-11-30-3');
  });
});
