import type { LibraryPresence } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';

/**
 * Who else has the entry open now, live: editors first (their edit may meet yours), then
 * readers. A polite live region, so a screen reader hears "Anna is editing" when it happens.
 */
export function EntryPresence({
  people,
  myId,
}: {
  people: LibraryPresence['people'];
  myId: string | undefined;
}) {
  const { t } = useTranslation('library');
  // One person may have the entry open in two tabs, reading in one and editing in the other.
  const byPerson = new Map<string, { name: string; editing: boolean }>();
  for (const p of people) {
    if (p.person.id === myId) continue;
    const held = byPerson.get(p.person.id);
    byPerson.set(p.person.id, { name: p.person.name, editing: p.editing || !!held?.editing });
  }
  const others = [...byPerson.values()];
  const editors = others.filter((p) => p.editing).map((p) => p.name);
  const readers = others.filter((p) => !p.editing).map((p) => p.name);
  return (
    <div className="entry-presence" role="status" aria-live="polite">
      {others.length === 0 ? (
        <span className="muted">{t('edit.presence.alone')}</span>
      ) : (
        <ul>
          {editors.length > 0 && (
            <li className="presence-editing">
              <span aria-hidden="true">✎ </span>
              {t('edit.presence.editing', { count: editors.length, names: editors.join(', ') })}
            </li>
          )}
          {readers.length > 0 && (
            <li className="presence-viewing">
              <span aria-hidden="true">👁 </span>
              {t('edit.presence.viewing', { count: readers.length, names: readers.join(', ') })}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
