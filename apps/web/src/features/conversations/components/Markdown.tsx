import { memo, type AnchorHTMLAttributes, type ReactElement } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import { remarkGfmRead } from '../../../lib/remark-gfm-read.js';

/*
 * Messages are stored as written and rendered as a small Markdown subset. Raw HTML is dropped
 * (skipHtml), only the elements below survive (others are unwrapped to their text), and links
 * keep only http, https and mailto targets.
 */
const ALLOWED_ELEMENTS = [
  'p',
  'strong',
  'em',
  'del',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'br',
  'span',
];
/**
 * A document (a library entry) may also have headings. Its page's title is the h1, so the body's
 * headings start at h2 and never skip a level (remarkHeadingLevels), deeper ones drawn as h4.
 */
const DOCUMENT_ELEMENTS = [...ALLOWED_ELEMENTS, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Returns the URL if it is absolute with a safe protocol, else '' (rendered as plain text). */
export function safeUrl(url: string): string {
  try {
    return SAFE_PROTOCOLS.has(new URL(url.trim()).protocol) ? url.trim() : '';
  } catch {
    return '';
  }
}

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
  data?: Record<string, unknown>;
}

const mentionNode = (name: string, mine: boolean): MdNode => ({
  type: 'mention',
  children: [{ type: 'text', value: `@${name}` }],
  data: {
    hName: 'span',
    hProperties: { className: mine ? ['mention', 'mention-me'] : ['mention'] },
  },
});

/** `@**Full Name**` parses as "@" + strong; `@Name` stays in text. Both become mention chips. */
const PLAIN_MENTION = /(^|[^\p{L}\p{N}_*])@([\p{L}\p{N}_-]{1,100})/gu;

function remarkMentions(options: { myName?: string }) {
  const isMe = (name: string) =>
    Boolean(options.myName) && name.toLowerCase() === options.myName!.toLowerCase();
  const firstWord = options.myName?.split(/\s+/)[0]?.toLowerCase();
  const walk = (node: MdNode) => {
    if (!node.children || node.type === 'link' || node.type === 'mention') return;
    const out: MdNode[] = [];
    const kids = node.children;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i]!;
      const next = kids[i + 1];
      if (
        child.type === 'text' &&
        child.value?.endsWith('@') &&
        next?.type === 'strong' &&
        next.children?.length === 1 &&
        next.children[0]!.type === 'text'
      ) {
        const name = next.children[0]!.value ?? '';
        if (child.value.length > 1) out.push(...splitPlain(child.value.slice(0, -1)));
        out.push(mentionNode(name, isMe(name)));
        i++;
        continue;
      }
      if (child.type === 'text' && child.value) out.push(...splitPlain(child.value));
      else {
        walk(child);
        out.push(child);
      }
    }
    node.children = out;
  };
  const splitPlain = (text: string): MdNode[] => {
    const parts: MdNode[] = [];
    let last = 0;
    for (const m of text.matchAll(PLAIN_MENTION)) {
      const at = m.index + m[1]!.length;
      if (at > last) parts.push({ type: 'text', value: text.slice(last, at) });
      const name = m[2]!;
      parts.push(mentionNode(name, isMe(name) || name.toLowerCase() === firstWord));
      last = at + 1 + name.length;
    }
    if (last < text.length) parts.push({ type: 'text', value: text.slice(last) });
    return parts.length ? parts : [{ type: 'text', value: text }];
  };
  return (tree: MdNode) => walk(tree);
}

/**
 * A document's heading levels as the page needs them (axe "heading-order"): the first is h2
 * whatever its `#` count, and each is at most one below the heading it follows, so a body that
 * starts with `##` or jumps from `#` to `###` draws h2, h3 in order. A heading goes back up to
 * the level of the nearest earlier heading written with as many or fewer `#`s.
 */
export function remarkHeadingLevels() {
  return (tree: MdNode) => {
    const open: { written: number; drawn: number }[] = [];
    const walk = (node: MdNode) => {
      if (node.type === 'heading' && node.depth !== undefined) {
        while (open.length && open.at(-1)!.written >= node.depth) open.pop();
        const drawn = Math.min(6, (open.at(-1)?.drawn ?? 1) + 1);
        open.push({ written: node.depth, drawn });
        node.depth = drawn;
      }
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

function SafeLink({
  href,
  children,
}: AnchorHTMLAttributes<HTMLAnchorElement> & { node?: unknown }) {
  if (!href) return <span>{children}</span>;
  return (
    <a href={href} rel="noopener noreferrer nofollow ugc" target="_blank">
      {children}
    </a>
  );
}

const components: Components = { a: SafeLink };
const documentComponents: Components = {
  a: SafeLink,
  h4: ({ children }) => <h4>{children}</h4>,
  h5: ({ children }) => <h4>{children}</h4>,
  h6: ({ children }) => <h4>{children}</h4>,
};

/*
 * Parsing is the costly part of a row, and a virtualised list mounts the same rows again and
 * again while scrolling: keep the rendered trees of recent messages (React elements are
 * immutable, so one can be placed again). The tree is what react-markdown's `Markdown` returns
 * when called as the plain function it is: cached as a component element instead, it would
 * parse again on every mount.
 */
const CACHE_SIZE = 3000;
const cache = new Map<string, ReactElement>();

export const Markdown = memo(function Markdown({
  text,
  myName,
  document = false,
}: {
  text: string;
  myName?: string | undefined;
  /** A longer text with headings (a library entry), not a chat message. */
  document?: boolean;
}) {
  const key = `${document ? 'd' : 'm'}${myName ?? ''}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rendered = render(text, myName, document);
  cache.set(key, rendered);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return rendered;
});

/**
 * One line of words and ordinary punctuation, which Markdown would draw as one paragraph of
 * that very text: no markup character, no "@" (mentions, e-mail links), no link, no list or
 * heading start. Most chat messages are such; they skip the parser (a phone spent most of a
 * conversation's first load in it). Anything else goes through Markdown as before.
 */
// Emoji joined by a zero-width joiner or given a variation selector count as plain too.
const PLAIN_CHARS =
  /^(?:[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Pd}\p{Pi}\p{Pf}\u2026 ,.;:?!'"%€/()=+-]|\u200d|\ufe0f)+$/u;
const NOT_PLAIN = /^[-+=]|^\d{1,9}[.)]|!\[|\]\(|:\/\/|www\.|\s\s/iu;
export const isPlainLine = (text: string): boolean =>
  text === text.trim() && PLAIN_CHARS.test(text) && !NOT_PLAIN.test(text);

function render(text: string, myName: string | undefined, document: boolean): ReactElement {
  const className = document ? 'markdown document' : 'markdown';
  if (isPlainLine(text))
    return (
      <div className={className}>
        <p>{text}</p>
      </div>
    );
  return (
    <div className={className}>
      {ReactMarkdown({
        children: text,
        remarkPlugins: [
          remarkGfmRead,
          [remarkMentions, { myName }],
          ...(document ? [remarkHeadingLevels] : []),
        ],
        allowedElements: document ? DOCUMENT_ELEMENTS : ALLOWED_ELEMENTS,
        unwrapDisallowed: true,
        skipHtml: true,
        urlTransform: safeUrl,
        components: document ? documentComponents : components,
      })}
    </div>
  );
}
