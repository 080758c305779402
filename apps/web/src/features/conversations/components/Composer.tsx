import { MAX_MESSAGE_LENGTH, mentionToken, type PersonRef } from '@yhteistyotila/protocol';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { MutedNotice } from '../../moderation/index.js';
import { outbox } from '../outbox/outbox.js';
import { PersonName } from './PersonName.js';

/** Re-send typing:start this often while typing (the server forgets after TYPING_TIMEOUT_MS). */
const TYPING_REPEAT_MS = 3000;
/** Show the counter from this many characters on. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 500;
/** Drafts survive switching conversations (not reloads). */
const drafts = new Map<string, string>();

/** The "@query" being typed just before the caret, if any. */
export function mentionQueryAt(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([\p{L}\p{N}_-]{0,30})$/u.exec(before);
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}

/**
 * Enter sends, Shift+Enter makes a new line. "@" opens a people list (an ARIA combobox: arrows
 * move, Enter or Tab picks, Esc closes). The message goes to the outbox, never straight out.
 */
export function Composer({
  conversationId,
  threadRootId = null,
  label,
}: {
  conversationId: string;
  threadRootId?: string | null;
  label: string;
}) {
  const { t } = useTranslation('conversations');
  const { user } = useSession();
  const draftKey = `${conversationId}:${threadRootId ?? ''}`;
  const [text, setText] = useState(() => drafts.get(draftKey) ?? '');
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [people, setPeople] = useState<PersonRef[]>([]);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const typingSentAt = useRef(0);
  const id = useId();
  const listId = `${id}-mentions`;
  const counterId = `${id}-counter`;
  const tooLong = text.length > MAX_MESSAGE_LENGTH;
  // Suggestions belong to the "@query" being typed; none without one.
  const suggestions = mention && mention.query.length > 0 ? people : [];
  const open = suggestions.length > 0;

  useEffect(() => {
    drafts.set(draftKey, text);
  }, [draftKey, text]);

  // People for the autocomplete, members of this conversation only.
  useEffect(() => {
    if (!mention || mention.query.length === 0) return;
    let current = true;
    const timer = setTimeout(() => {
      request('people:search', { query: mention.query, conversationId }).then(
        (r) => {
          if (!current) return;
          setPeople(r.people);
          setActive(0);
        },
        () => current && setPeople([]),
      );
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [mention, conversationId]);

  const stopTyping = () => {
    if (typingSentAt.current === 0) return;
    typingSentAt.current = 0;
    request('typing:stop', { conversationId, threadRootId }).catch(() => {});
  };
  useEffect(() => stopTyping, [conversationId, threadRootId]); // eslint-disable-line react-hooks/exhaustive-deps

  const onChange = (value: string, caret: number) => {
    setText(value);
    setMention(mentionQueryAt(value, caret));
    if (!value.trim()) stopTyping();
    else if (Date.now() - typingSentAt.current > TYPING_REPEAT_MS) {
      typingSentAt.current = Date.now();
      request('typing:start', { conversationId, threadRootId }).catch(() => {});
    }
  };

  const pick = (person: PersonRef) => {
    if (!mention) return;
    const caret = mention.start + 1 + mention.query.length;
    const insert = `${mentionToken(person.name)} `;
    const next = text.slice(0, mention.start) + insert + text.slice(caret);
    caretAfterRender.current = mention.start + insert.length;
    setText(next);
    setMention(null);
  };
  // Placed in the same task as the re-render that inserted the mention: with a later callback
  // (requestAnimationFrame), a key typed in between landed at the end and the caret then jumped
  // back before it, so "katso" became "atso…k".
  const caretAfterRender = useRef<number | null>(null);
  useLayoutEffect(() => {
    const pos = caretAfterRender.current;
    if (pos === null) return;
    caretAfterRender.current = null;
    ref.current?.focus();
    ref.current?.setSelectionRange(pos, pos);
  });

  const send = () => {
    if (!text.trim() || tooLong || !user) return;
    void outbox.add({ conversationId, threadRootId, text, userId: user.id });
    setText('');
    setMention(null);
    stopTyping();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const delta = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + delta + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(suggestions[active]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setMention(null);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <MutedNotice conversationId={conversationId} />
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {label}
      </label>
      <div className="composer-row">
        <textarea
          id={`${id}-input`}
          ref={ref}
          value={text}
          rows={1}
          placeholder={label}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          aria-invalid={tooLong}
          aria-describedby={counterId}
          onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            stopTyping();
            setTimeout(() => setMention(null), 150);
          }}
        />
        <button
          type="submit"
          className="button primary send-button"
          disabled={!text.trim() || tooLong}
        >
          {t('composer.send')}
        </button>
      </div>
      <ul
        id={listId}
        role="listbox"
        className="mention-list"
        aria-label={t('composer.mentionList')}
        hidden={!open}
      >
        {suggestions.map((p, i) => (
          <li
            key={p.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault(); // keep focus in the textarea
              pick(p);
            }}
          >
            <PersonName person={p} presence={false} />
          </li>
        ))}
      </ul>
      <p
        id={counterId}
        className={tooLong ? 'composer-counter form-error' : 'composer-counter'}
        aria-live="polite"
      >
        {tooLong
          ? t('composer.tooLong', { count: text.length, max: MAX_MESSAGE_LENGTH })
          : text.length >= COUNTER_FROM
            ? t('composer.counter', { count: text.length, max: MAX_MESSAGE_LENGTH })
            : ''}
      </p>
      <p className="composer-hint hint">{t('composer.hint')}</p>
    </form>
  );
}
