import { useTranslation } from 'react-i18next';
import { useTyping } from '../store/typing.js';

/** "Anna is typing…", announced politely. */
export function TypingIndicator({
  conversationId,
  threadRootId = null,
}: {
  conversationId: string;
  threadRootId?: string | null;
}) {
  const { t } = useTranslation('conversations');
  const people = useTyping(conversationId, threadRootId);
  const text =
    people.length === 0
      ? ''
      : people.length === 1
        ? t('typing.one', { name: people[0]!.name })
        : people.length === 2
          ? t('typing.two', { a: people[0]!.name, b: people[1]!.name })
          : t('typing.many');
  return (
    <p className="typing-indicator" aria-live="polite">
      {text}
    </p>
  );
}
