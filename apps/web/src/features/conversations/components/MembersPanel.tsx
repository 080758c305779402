import { can, type Conversation, type PersonRef } from '@yhteistyotila/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { useOpenDm } from '../hooks/useOpenDm.js';
import { removeSummary, setMemberCount } from '../store/conversations.js';
import { PeoplePicker } from './PeoplePicker.js';
import { PersonName } from './PersonName.js';
import { BlockButton, useIsBlocked } from '../../blocks/index.js';

/** Who is here, with a DM button per person; invite, leave and archive for channels. */
export function MembersPanel({
  conversation,
  isMember,
  onClose,
}: {
  conversation: Conversation;
  isMember: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('conversations');
  const { user } = useSession();
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const titleId = useId();
  const openDm = useOpenDm();
  const [inviting, setInviting] = useState<PersonRef[]>([]);
  const key = queryKeys.conversations.members(conversation.id);
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => request('conversation:members', { conversationId: conversation.id }),
  });
  // Outside the channel's room no live facts arrive: the list's answer carries the server's
  // count, which the header takes too (members keep theirs from `memberCount:updated`, which a
  // slower answer must not overwrite). One number on screen either way.
  const total = data?.total;
  useEffect(() => {
    if (total !== undefined && !isMember) setMemberCount(qc, conversation.id, total);
  }, [qc, conversation.id, total, isMember]);
  const invite = useMutation({
    mutationFn: () =>
      request('channel:invite', {
        conversationId: conversation.id,
        userIds: inviting.map((p) => p.id),
      }),
    onSuccess: () => {
      setInviting([]);
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const leave = useMutation({
    mutationFn: () => request('channel:leave', { conversationId: conversation.id }),
    onSuccess: () => {
      removeSummary(qc, conversation.id);
      void navigate('/c');
    },
  });
  const archive = useMutation({
    mutationFn: () =>
      request('channel:archive', {
        conversationId: conversation.id,
        archived: !conversation.archived,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.conversations.list }),
  });
  const isChannel = conversation.kind === 'channel';
  // Staff open a member's moderation ladder (notes, warnings, mutes) from here.
  const canModerate = Boolean(user && can('moderation.note', { role: user.role }));
  // Inviting is the row "create a private channel, invite to it", as on the server.
  const canInvite =
    isChannel &&
    isMember &&
    !conversation.archived &&
    Boolean(user && can('channel.createPrivate', { role: user.role, expert: user.expert }));
  // The seeded channels stay: the screen does not offer archiving them.
  const canArchive =
    isChannel &&
    !conversation.isDefault &&
    Boolean(
      user &&
      can('channel.archive', {
        role: user.role,
        expert: user.expert,
        userId: user.id,
        conversation,
      }),
    );
  const memberIds = data?.members.map((m) => m.id) ?? [];
  const anyError = error ?? invite.error ?? leave.error ?? archive.error ?? openDm.error;

  return (
    <aside className="side-panel members-panel" aria-labelledby={titleId}>
      <div className="side-panel-header">
        <h2 id={titleId}>{t('members.title', { count: conversation.memberCount })}</h2>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('members.close')}
        >
          ×
        </button>
      </div>
      <div className="side-panel-body">
        {anyError && (
          <p className="form-error" role="alert">
            {errorMessage(anyError)}
          </p>
        )}
        <ul className="member-list">
          {data?.members.map((m) => (
            <li key={m.id}>
              <PersonName person={m} />
              {m.id !== user?.id && (
                <MemberActions
                  person={m}
                  busy={openDm.isPending}
                  onMessage={() => openDm.mutate([m.id])}
                />
              )}
              {canModerate && m.id !== user?.id && (
                <Link to={`/ihmiset/${m.id}`} className="button small">
                  {t('members.moderate')}
                  <span className="visually-hidden"> {m.name}</span>
                </Link>
              )}
            </li>
          ))}
          {/* Erased DM participants: no name, no button, but still counted. */}
          {Array.from({ length: conversation.deletedParticipants }, (_, i) => (
            <li key={`deleted-${i}`}>
              <PersonName person={null} />
            </li>
          ))}
        </ul>
        {canInvite && (
          <section className="invite">
            <h3>{t('members.invite')}</h3>
            <PeoplePicker
              selected={inviting}
              onToggle={(p) =>
                setInviting((s) =>
                  s.some((x) => x.id === p.id) ? s.filter((x) => x.id !== p.id) : [...s, p],
                )
              }
              max={50}
              excludeIds={memberIds}
            />
            <button
              type="button"
              className="button small primary"
              disabled={inviting.length === 0 || invite.isPending}
              onClick={() => invite.mutate()}
            >
              {t('members.inviteSubmit')}
            </button>
          </section>
        )}
        {isChannel && (
          <div className="actions">
            {isMember && (
              <button type="button" className="button small danger" onClick={() => leave.mutate()}>
                {t('members.leave')}
              </button>
            )}
            {canArchive && (
              <button type="button" className="button small" onClick={() => archive.mutate()}>
                {conversation.archived ? t('members.restore') : t('members.archive')}
              </button>
            )}
          </div>
        )}
      </div>
    </aside>
  );
}

/** Message and block a member; no DM button for someone I blocked (it would be refused). */
function MemberActions({
  person,
  busy,
  onMessage,
}: {
  person: PersonRef;
  busy: boolean;
  onMessage: () => void;
}) {
  const { t } = useTranslation('conversations');
  const blocked = useIsBlocked(person.id);
  return (
    <span className="member-actions">
      {!blocked && (
        <button type="button" className="button small" disabled={busy} onClick={onMessage}>
          {t('members.message')}
          <span className="visually-hidden"> {person.name}</span>
        </button>
      )}
      <BlockButton person={person} />
    </span>
  );
}
