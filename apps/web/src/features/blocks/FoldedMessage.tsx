import { useTranslation } from 'react-i18next';
import './blocks.css';

/**
 * In place of a message from a person I blocked: its author and text stay hidden until asked
 * for. A real button, so keyboard and screen reader open it like a click.
 */
export function FoldedMessage({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation('blocks');
  return (
    <button
      type="button"
      className="link-button folded-message"
      aria-expanded={false}
      onClick={onOpen}
    >
      {t('folded')} <span aria-hidden="true">·</span> {t('show')}
    </button>
  );
}
