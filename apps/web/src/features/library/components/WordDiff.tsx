import type { DiffPart } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';

/**
 * A word diff drawn so that it reads without colour: added words are underlined inside <ins>,
 * removed ones struck through inside <del>, and each change is announced by a hidden word
 * ("added:", "removed:") because screen readers do not say <ins> and <del> by default.
 */
export function WordDiff({ parts, label }: { parts: DiffPart[]; label: string }) {
  const { t } = useTranslation('library');
  const changed = parts.some((p) => p.kind !== 'same');
  return (
    <div className="word-diff" role="group" aria-label={label}>
      {changed ? (
        <p className="word-diff-text">
          {parts.map((p, i) =>
            p.kind === 'same' ? (
              <span key={i}>{p.text}</span>
            ) : p.kind === 'added' ? (
              <ins key={i}>
                <span className="visually-hidden">{t('edit.diff.added')} </span>
                {p.text}
                <span className="visually-hidden"> {t('edit.diff.end')}</span>
              </ins>
            ) : (
              <del key={i}>
                <span className="visually-hidden">{t('edit.diff.removed')} </span>
                {p.text}
                <span className="visually-hidden"> {t('edit.diff.end')}</span>
              </del>
            ),
          )}
        </p>
      ) : (
        <p className="muted">{t('edit.diff.unchanged')}</p>
      )}
    </div>
  );
}
