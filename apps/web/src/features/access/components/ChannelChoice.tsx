import { channelTextFor } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { asLanguage } from '../../../lib/i18n.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { request } from '../../../lib/socket.js';

/**
 * Channels the approved person joins. Regional channels are left out: people join their own
 * region's channel by municipality. If channels cannot be listed, the choice is simply absent.
 */
export function ChannelChoice({
  value,
  onChange,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t, i18n } = useTranslation('access');
  const language = asLanguage(i18n.language);
  const channels = useQuery({
    queryKey: queryKeys.conversations.browse,
    queryFn: () => request('channel:browse', {}),
    staleTime: 60_000,
    retry: false,
  });
  const list = (channels.data?.channels ?? [])
    .filter((c) => !c.archived && c.regionId === null)
    .map((c) => ({ ...c, ...channelTextFor(c, language) }))
    .sort(
      (a, b) =>
        a.category.localeCompare(b.category, language) || a.name.localeCompare(b.name, language),
    );
  if (list.length === 0) return null;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...value, id] : value.filter((v) => v !== id));
  return (
    <fieldset>
      <legend>{t('moderation.channels')}</legend>
      {list.map((c) => (
        <div className="checkbox" key={c.id}>
          <input
            type="checkbox"
            id={`channel-${c.id}`}
            checked={value.includes(c.id)}
            onChange={(e) => toggle(c.id, e.target.checked)}
          />
          <label htmlFor={`channel-${c.id}`}>#{c.name}</label>
        </div>
      ))}
    </fieldset>
  );
}
