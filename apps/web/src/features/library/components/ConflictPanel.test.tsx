import type { LibraryConflict } from '@yhteistyotila/protocol';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { formFromContent, type EntryFormState } from '../entry-form-state.js';
import { ConflictPanel } from './ConflictPanel.js';
import { testEntry } from './test-entry.js';

const theirsContent = formFromContent(testEntry({ body: 'Heidän tekstinsä.' }));
const conflict: LibraryConflict = {
  entryId: 'e'.repeat(24),
  baseRevision: 3,
  theirs: {
    number: 4,
    editor: { id: 'b'.repeat(24), name: 'Anna Aalto', role: 'member', expert: false },
    createdAt: '2027-01-03T10:00:00.000Z',
    minor: false,
    restoredFrom: null,
    title: theirsContent.title,
    entryId: 'e'.repeat(24),
    content: { ...testEntry({ body: 'Heidän tekstinsä.' }) },
  },
  theirChanges: {
    title: [{ kind: 'same', text: theirsContent.title }],
    summary: [],
    body: [
      { kind: 'removed', text: 'Sovitaan neljä tapaamista.' },
      { kind: 'added', text: 'Heidän tekstinsä.' },
    ],
    metadataChanged: [],
  },
  yourChanges: {
    title: [],
    summary: [],
    body: [
      { kind: 'removed', text: 'Heidän tekstinsä.' },
      { kind: 'added', text: 'Minun tekstini.' },
    ],
    metadataChanged: ['themes'],
  },
};

function Harness() {
  const mine: EntryFormState = { ...theirsContent, body: 'Minun tekstini.' };
  const [form, setForm] = useState(mine);
  return (
    <>
      <ConflictPanel
        conflict={conflict}
        form={form}
        mine={mine}
        onTake={(p) => setForm((f) => ({ ...f, ...p }))}
      />
      <output data-testid="editor">{form.body}</output>
    </>
  );
}

describe('a save refused because someone saved first', () => {
  it('keeps my text, shows both differences, and lets me take theirs and go back', () => {
    render(<Harness />);
    expect(screen.getByRole('alert').textContent).toContain('Anna Aalto tallensi version 4');
    expect(screen.getByRole('alert').textContent).toContain('Tekstisi ei ole kadonnut');
    expect(screen.getByTestId('editor').textContent).toBe('Minun tekstini.');
    // What they changed and how mine differs, as word diffs; changed details named.
    expect(screen.getByText('Mitä Anna Aalto muutti')).toBeTruthy();
    expect(screen.getByText('Teemat')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Käytä hänen versiotaan: Teksti' }));
    expect(screen.getByTestId('editor').textContent).toBe('Heidän tekstinsä.');
    // Nothing is lost: my own text comes back with one click.
    fireEvent.click(screen.getByRole('button', { name: 'Palauta oma versioni: Teksti' }));
    expect(screen.getByTestId('editor').textContent).toBe('Minun tekstini.');
  });

  it('offers nothing to take where the texts agree', () => {
    render(<Harness />);
    expect(screen.queryByRole('button', { name: /Otsikko/ })).toBeNull();
  });
});
