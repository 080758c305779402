import {
  can,
  ROLES,
  type Conversation,
  type Role,
  type SessionUser,
} from '@yhteistyotila/protocol';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryKeys } from '../../../lib/query-keys.js';
import { CreateChannelDialog } from './CreateChannelDialog.js';
import { MembersPanel } from './MembersPanel.js';

/**
 * The screens offer what the server allows: the buttons follow the shared evaluator `can()`
 * (packages/protocol permissions.ts), the one the server's services ask.
 */

const ME = 'a'.repeat(24);
const SOMEONE = 'b'.repeat(24);

const person = (role: Role, expert = role === 'guest'): SessionUser => ({
  id: ME,
  name: 'Maija',
  role,
  expert,
  language: 'fi',
  guestUntil: null,
  mustReconsent: false,
});

const channel = (over: Partial<Conversation>): Conversation => ({
  id: 'c'.repeat(24),
  kind: 'channel',
  visibility: 'private',
  name: 'Kanava',
  topic: '',
  description: '',
  category: '',
  regionId: null,
  isDefault: false,
  defaultKey: null,
  customised: [],
  archived: false,
  createdBy: SOMEONE,
  createdAt: '2027-01-01T00:00:00.000Z',
  memberCount: 1,
  participants: [],
  deletedParticipants: 0,
  lastMessageAt: null,
  ...over,
});

/** Signed in as `user`, with the members list already answered (no socket needed). */
function renderAs(user: SessionUser, ui: ReactNode, conversationId = 'c'.repeat(24)) {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  qc.setQueryData(queryKeys.session, user);
  qc.setQueryData(queryKeys.conversations.members(conversationId), { members: [], total: 1 });
  return render(
    <QueryClientProvider client={qc}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
}

const buttons = () => ({
  // "Restore" on an archived channel is the same permission.
  archive:
    screen.queryByRole('button', { name: /^(Arkistoi kanava|Palauta arkistosta)$/ }) !== null,
  invite: screen.queryByRole('heading', { name: 'Kutsu kanavalle' }) !== null,
});

describe('members panel: invite and archive follow the table', () => {
  const cases: [string, Role, Partial<Conversation>, { archive: boolean; invite: boolean }][] = [
    ['member, own private channel', 'member', { createdBy: ME }, { archive: true, invite: true }],
    ["member, someone else's private channel", 'member', {}, { archive: false, invite: true }],
    [
      'member, own public channel',
      'member',
      { createdBy: ME, visibility: 'public' },
      { archive: false, invite: true },
    ],
    // A creator who has since become a guest: the server refuses both, so no button.
    ['guest, own private channel', 'guest', { createdBy: ME }, { archive: false, invite: false }],
    ['moderator, any channel', 'moderator', {}, { archive: true, invite: true }],
    // Seeded channels stay, even for staff; an archived channel takes no invitations.
    ['admin, seeded channel', 'admin', { isDefault: true }, { archive: false, invite: true }],
    ['admin, archived channel', 'admin', { archived: true }, { archive: true, invite: false }],
  ];
  it.each(cases)('%s', (_label, role, over, want) => {
    renderAs(
      person(role),
      <MembersPanel conversation={channel(over)} isMember onClose={() => {}} />,
    );
    expect(buttons()).toEqual(want);
  });
});

describe('members panel: staff open a member’s moderation ladder', () => {
  it.each(ROLES)('as %s', (role) => {
    const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
    qc.setQueryData(queryKeys.session, person(role));
    qc.setQueryData(queryKeys.conversations.members('c'.repeat(24)), {
      members: [{ id: SOMEONE, name: 'Ville', role: 'member', expert: false }],
      total: 2,
    });
    render(
      <QueryClientProvider client={qc}>
        <MemoryRouter>
          <MembersPanel conversation={channel({})} isMember onClose={() => {}} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const link = screen.queryByRole('link', { name: /^Moderoi/ });
    expect(link !== null).toBe(can('moderation.note', { role }));
    if (link) {
      expect(link.textContent).toContain('Ville');
      expect(link.getAttribute('href')).toBe(`/ihmiset/${SOMEONE}`);
    }
  });
});

describe('create channel dialog: public channels for those the table allows', () => {
  // jsdom has no modal dialogs: opening and closing one only flips `open`.
  beforeAll(() => {
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      this.open = false;
    };
  });
  afterAll(() => {
    const proto = HTMLDialogElement.prototype as Partial<HTMLDialogElement>;
    delete proto.showModal;
    delete proto.close;
  });
  it.each([
    ['member', false],
    ['guest', false],
    ['moderator', true],
    ['admin', true],
  ] as [Role, boolean][])('as %s: public choosable %s', (role, allowed) => {
    renderAs(person(role), <CreateChannelDialog onClose={() => {}} />);
    expect(screen.getByRole('radio', { name: /Julkinen/ }).hasAttribute('disabled')).toBe(!allowed);
  });
});
