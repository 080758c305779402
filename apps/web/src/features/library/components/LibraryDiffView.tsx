import type { LibraryDiff } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { WordDiff } from './WordDiff.js';

/** The difference between two contents: the three texts word by word, then which details changed. */
export function LibraryDiffView({
  diff,
  headingLevel = 2,
}: {
  diff: LibraryDiff;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('library');
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const texts = (['title', 'summary', 'body'] as const).filter((f) =>
    diff[f].some((p) => p.kind !== 'same'),
  );
  return (
    <div className="library-diff">
      {texts.length === 0 && diff.metadataChanged.length === 0 && (
        <p className="notice">{t('edit.diff.identical')}</p>
      )}
      {texts.map((f) => (
        <section key={f} className="diff-field">
          <H>{t(`edit.form.${f}`)}</H>
          <WordDiff parts={diff[f]} label={t(`edit.form.${f}`)} />
        </section>
      ))}
      {diff.metadataChanged.length > 0 && (
        <section className="diff-field">
          <H>{t('edit.diff.metadata')}</H>
          <ul>
            {diff.metadataChanged.map((m) => (
              <li key={m}>{t(`edit.diff.fields.${m}`)}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
