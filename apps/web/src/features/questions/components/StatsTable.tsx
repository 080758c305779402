import type { QuestionStatsRow } from '@yhteistyotila/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/dates.js';
import { request } from '../../../lib/socket.js';
import { ErrorNotice } from '../../../app/ErrorNotice.js';

/** Experts and admins: time to the first expert reply and the share answered. */
export function StatsTable() {
  const { t, i18n } = useTranslation('questions');
  const [rows, setRows] = useState<QuestionStatsRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    request('question:stats', {}).then(
      (r) => setRows(r.rows),
      (err: unknown) => setError(err),
    );
  }, []);
  const minutes = (v: number | null) =>
    v === null
      ? t('stats.none')
      : t('stats.minutes', { value: formatNumber(Math.round(v), i18n.language) });
  const share = (r: QuestionStatsRow) =>
    `${formatNumber(r.answered, i18n.language)} / ${formatNumber(r.asked, i18n.language)}`;
  return (
    <section className="question-stats" aria-labelledby="question-stats-title">
      <h2 id="question-stats-title">{t('stats.title')}</h2>
      <p className="lead">{t('stats.lead')}</p>
      <ErrorNotice error={error} />
      {rows?.length === 0 && <p className="notice">{t('stats.empty')}</p>}
      {rows && rows.length > 0 && (
        <div
          className="table-scroll"
          tabIndex={0}
          role="region"
          aria-labelledby="question-stats-title"
        >
          <table>
            <thead>
              <tr>
                <th scope="col">{t('stats.month')}</th>
                <th scope="col">{t('stats.topic')}</th>
                <th scope="col">{t('stats.answered')}</th>
                <th scope="col">{t('stats.median')}</th>
                <th scope="col">{t('stats.p90')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.month}-${r.topic}`}>
                  <td>{r.month}</td>
                  <td>{t(`topics.${r.topic}`)}</td>
                  <td>{share(r)}</td>
                  <td>{minutes(r.medianFirstExpertReplyMinutes)}</td>
                  <td>{minutes(r.p90FirstExpertReplyMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
