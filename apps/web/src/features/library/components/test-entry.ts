import type { LibraryEntry, SessionUser } from '@yhteistyotila/protocol';

/** A published entry and signed-in people for component tests. */
export const testEntry = (over: Partial<LibraryEntry> = {}): LibraryEntry => ({
  id: 'e'.repeat(24),
  status: 'published',
  revision: 3,
  title: 'Vuosikello kunnan kanssa',
  summary: 'Tapaamiset sovitaan vuodeksi kerrallaan.',
  body: '## Miten\n\nSovitaan neljä tapaamista.',
  language: 'fi',
  themes: ['municipal-cooperation'],
  steps: [3],
  cooperationModel: 'network',
  qualityAreas: ['impact'],
  level: 'municipal',
  municipalityCode: '405',
  countyCode: null,
  sources: [],
  author: { id: 'b'.repeat(24), name: 'Anna Aalto', role: 'member', expert: false },
  contributors: [],
  editor: { id: 'b'.repeat(24), name: 'Anna Aalto', role: 'member', expert: false },
  credits: [],
  review: null,
  validationCount: 0,
  validatedByMe: false,
  needsUpdating: null,
  discussion: null,
  origin: null,
  createdAt: '2027-01-01T10:00:00.000Z',
  updatedAt: '2027-01-02T10:00:00.000Z',
  publishedAt: '2027-01-01T10:00:00.000Z',
  ...over,
});

export const testUser = (role: SessionUser['role'], expert = false): SessionUser => ({
  id: 'a'.repeat(24),
  name: 'Maija Meikäläinen',
  role,
  expert,
  language: 'fi',
  guestUntil: null,
  mustReconsent: false,
});
