import { channelTextFor } from '@yhteistyotila/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorMessage } from '../../../lib/errors.js';
import { asLanguage } from '../../../lib/i18n.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { request } from '../../../lib/socket.js';
import { upsertSummary } from '../store/conversations.js';
import { Dialog } from '../../../app/Dialog.js';

/** Public channels, grouped by category, with join/open. */
export function BrowseChannelsDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation('conversations');
  const language = asLanguage(i18n.language);
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { data, error, isLoading } = useQuery({
    queryKey: queryKeys.conversations.browse,
    queryFn: () => request('channel:browse', {}),
  });
  const join = useMutation({
    mutationFn: (conversationId: string) => request('channel:join', { conversationId }),
    onSuccess: ({ conversation }) => {
      upsertSummary(qc, conversation);
      void qc.invalidateQueries({ queryKey: queryKeys.conversations.browse });
      onClose();
      void navigate(`/c/${conversation.id}`);
    },
  });
  // As the reader sees them: a seeded channel's texts in their language until renamed.
  const channels = (data?.channels ?? [])
    .filter((c) => !c.archived)
    .map((c) => ({ ...c, ...channelTextFor(c, language) }));
  const categories = [...new Set(channels.map((c) => c.category))].sort((a, b) =>
    a.localeCompare(b, language),
  );
  return (
    <Dialog title={t('browse.title')} onClose={onClose} wide>
      {isLoading && <p>{t('common:loading')}</p>}
      {error && <p className="form-error">{errorMessage(error)}</p>}
      {join.error && (
        <p className="form-error" role="alert">
          {errorMessage(join.error)}
        </p>
      )}
      {categories.map((category) => (
        <section key={category} className="browse-group">
          <h3>{category || t('sidebar.otherChannels')}</h3>
          <ul className="browse-list">
            {channels
              .filter((c) => c.category === category)
              .sort((a, b) => a.name.localeCompare(b.name, language))
              .map((c) => (
                <li key={c.id}>
                  <div>
                    <strong># {c.name}</strong>{' '}
                    <span className="muted">{t('browse.members', { count: c.memberCount })}</span>
                    {c.topic && <p className="muted">{c.topic}</p>}
                  </div>
                  {c.isMember ? (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => {
                        onClose();
                        void navigate(`/c/${c.id}`);
                      }}
                    >
                      {t('browse.open')}
                      <span className="visually-hidden"> {c.name}</span>
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button small primary"
                      disabled={join.isPending}
                      onClick={() => join.mutate(c.id)}
                    >
                      {t('browse.join')}
                      <span className="visually-hidden"> {c.name}</span>
                    </button>
                  )}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Dialog>
  );
}
