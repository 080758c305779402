import type { Notice } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';

/** A note's words: the moderator's own, or an unedited template in the reader's language. */
export function NoticeText({ notice }: { notice: Notice }) {
  const { t } = useTranslation('moderation');
  return (
    <p className="notice-text">
      {notice.text ?? t(`templates.${notice.template ?? 'guidelines'}`)}
    </p>
  );
}
