import {
  DEFAULT_CATEGORY_NAMES,
  can,
  channelTextFor,
  type ConversationSummary,
  type Language,
} from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { asLanguage } from '../../../lib/i18n.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { ExpertsOnlinePanel, PresenceDot } from '../../presence/index.js';
import { conversationName, formatCount, useConversationList } from '../store/conversations.js';
import { BrowseChannelsDialog } from './BrowseChannelsDialog.js';
import { CreateChannelDialog } from './CreateChannelDialog.js';
import { NewDmDialog } from './NewDmDialog.js';

/**
 * The default categories first, in their intended order; others by name; uncategorised last.
 * Categories are compared as the reader sees them (a seeded one in their language).
 */
const byCategory = (language: Language) => (a: string, b: string) => {
  const defaults = Object.values(DEFAULT_CATEGORY_NAMES).map((n) => n[language]);
  const rank = (c: string) => {
    const i = defaults.indexOf(c);
    return c === '' ? 1000 : i < 0 ? 100 : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b, language);
};

type DialogName = 'browse' | 'create' | 'dm' | null;

/** Channels by category, private channels, DMs; unread and mention counts; the ways to add more. */
export function Sidebar() {
  const { t, i18n } = useTranslation('conversations');
  const language = asLanguage(i18n.language);
  const { user } = useSession();
  const { data: list, isLoading } = useConversationList();
  const [dialog, setDialog] = useState<DialogName>(null);
  const { data: threads } = useQuery({
    queryKey: queryKeys.conversations.unreadThreads,
    queryFn: () => request('thread:list', { unreadOnly: true }),
    enabled: Boolean(user),
  });
  const unreadThreads = threads?.threads.length ?? 0;
  const visible = (list ?? []).filter((c) => !c.archived);
  const seen = (c: ConversationSummary) => channelTextFor(c, language);
  const byName = (a: ConversationSummary, b: ConversationSummary) =>
    seen(a).name.localeCompare(seen(b).name, language);
  const publicChannels = visible
    .filter((c) => c.kind === 'channel' && c.visibility === 'public')
    .sort(byName);
  const privateChannels = visible
    .filter((c) => c.kind === 'channel' && c.visibility === 'private')
    .sort(byName);
  const dms = visible
    .filter((c) => c.kind === 'dm')
    .sort((a, b) => (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt));
  const categories = [...new Set(publicChannels.map((c) => seen(c).category))].sort(
    byCategory(language),
  );
  const canBrowse = user && can('channel.browsePublic', { role: user.role, expert: user.expert });
  const canCreate = user && can('channel.createPrivate', { role: user.role, expert: user.expert });

  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-actions">
        {canBrowse && (
          <button type="button" className="sidebar-action" onClick={() => setDialog('browse')}>
            <span aria-hidden="true">#</span>
            {t('sidebar.browse')}
          </button>
        )}
        {canCreate && (
          <button type="button" className="sidebar-action" onClick={() => setDialog('create')}>
            <span aria-hidden="true">+</span>
            {t('sidebar.createChannel')}
          </button>
        )}
        <button type="button" className="sidebar-action" onClick={() => setDialog('dm')}>
          <span aria-hidden="true">+</span>
          {t('sidebar.newDm')}
        </button>
      </div>
      <NavLink to="/ketjut" className="sidebar-threads">
        {t('nav.threads')}
        {unreadThreads > 0 && (
          <span className="badge unread">
            {unreadThreads}
            <span className="visually-hidden"> {t('sidebar.unreadThreads')}</span>
          </span>
        )}
      </NavLink>
      {isLoading && <p className="muted">{t('common:loading')}</p>}
      {categories.map((category) => (
        <Group
          key={`cat-${category}`}
          title={category || t('sidebar.otherChannels')}
          items={publicChannels.filter((c) => seen(c).category === category)}
        />
      ))}
      {privateChannels.length > 0 && (
        <Group title={t('sidebar.privateChannels')} items={privateChannels} />
      )}
      <Group title={t('sidebar.dms')} items={dms} empty={t('sidebar.noDms')} />
      {list && list.length === 0 && <p className="muted">{t('sidebar.empty')}</p>}
      <ExpertsOnlinePanel />
      <div className="sidebar-footer">
        <Link to="/tietosuoja">{t('sidebar.privacy')}</Link>
        <Link to="/saavutettavuus">{t('shell:footer.accessibility')}</Link>
      </div>
      {dialog === 'browse' && <BrowseChannelsDialog onClose={() => setDialog(null)} />}
      {dialog === 'create' && <CreateChannelDialog onClose={() => setDialog(null)} />}
      {dialog === 'dm' && <NewDmDialog onClose={() => setDialog(null)} />}
    </nav>
  );
}

function Group({
  title,
  items,
  empty,
}: {
  title: string;
  items: ConversationSummary[];
  empty?: string;
}) {
  return (
    <section className="sidebar-group">
      <h2>{title}</h2>
      {items.length === 0 && empty ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul>
          {items.map((c) => (
            <li key={c.id}>
              <ConversationLink conversation={c} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConversationLink({ conversation: c }: { conversation: ConversationSummary }) {
  const { t, i18n } = useTranslation('conversations');
  const { user } = useSession();
  const others = c.participants.filter((p) => p.id !== user?.id);
  const people = others.length + c.deletedParticipants + 1;
  const unread = c.unreadCount > 0;
  return (
    <NavLink
      to={`/c/${c.id}`}
      className={unread ? 'conversation-link unread' : 'conversation-link'}
      data-conversation-id={c.id}
    >
      {c.kind === 'channel' ? (
        <span className="conversation-icon" aria-hidden="true">
          {c.visibility === 'private' ? '🔒' : '#'}
        </span>
      ) : others.length === 1 && people === 2 ? (
        <PresenceDot userId={others[0]!.id} />
      ) : (
        // A group DM: a people mark with its size, outlined and muted, so it is not taken for
        // the filled unread badge at the end of the row.
        <span className="conversation-icon group-size" aria-hidden="true">
          <svg viewBox="0 0 16 16" width="10" height="10" fill="currentColor">
            <circle cx="5" cy="4.5" r="2.5" />
            <circle cx="11.5" cy="5.5" r="2" />
            <path d="M0 15c0-3.3 2.2-6 5-6s5 2.7 5 6zM11 15c0-2-.6-3.7-1.6-5 .6-.3 1.3-.5 2.1-.5 2.5 0 4.5 2.4 4.5 5.5z" />
          </svg>
          {people}
        </span>
      )}
      <span className="conversation-name">
        {conversationName(c, user?.id, t('message.deletedUser'), i18n.language)}
      </span>
      {c.mentionCount > 0 && (
        <span className="badge mention" data-testid="mention-count">
          @{formatCount(c.mentionCount)}
          <span className="visually-hidden">
            {' '}
            {t('sidebar.mentions', { count: c.mentionCount })}
          </span>
        </span>
      )}
      {unread && (
        <span className="badge unread" data-testid="unread-count">
          {formatCount(c.unreadCount)}
          <span className="visually-hidden"> {t('sidebar.unread', { count: c.unreadCount })}</span>
        </span>
      )}
    </NavLink>
  );
}
