import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request } from 'express';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@yhteistyotila/protocol';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/lucia.js';
import type { Logger } from '../log.js';

/*
 * index.html as the pages people open first from outside the app are served: each names its own
 * scripts for preloading, and the landing page and the join form carry their content
 * (decisions 85, 87). Both lists are
 * written by the web build (web route-preload.ts, prerender.ts); without them (an older build)
 * every path gets index.html as it is.
 */

const PAGE_PATH = /^(\/(:?[\w-]+|[\w.-]+))+$|^\/$/;
const routePreloadsSchema = z.record(
  z.string().regex(PAGE_PATH),
  z.object({
    /** Only for a request with a session (a visitor's ends on the sign-in page). */
    signedIn: z.boolean(),
    files: z.array(z.string().regex(/^\/assets\/[\w.-]+\.(js|css)$/)),
  }),
);
const assetScript = z.string().regex(/^\/assets\/[\w.-]+\.js$/);
const localeFilesSchema = z.record(
  z.enum(LANGUAGES),
  z.object({ strings: assetScript, more: assetScript }),
);
const prerenderedSchema = z.record(
  z.string().regex(PAGE_PATH),
  z.record(z.enum(LANGUAGES), z.string()),
);

/** The root element's content, replaced by a prerendered page's. */
const ROOT = /<div id="root">[\s\S]*<\/div>(\s*<\/body>)/;
const SCRIPT_PRELOAD = /<link rel="modulepreload" crossorigin href="([^"]+)">/g;
/** The start script's own attribute (web start-after-paint.ts); `data-later` follows it. */
const START_ENTRY = /data-entry="[^"]+"/;
/** The build's own list of scripts to preload after the first paint (web start-after-paint.ts). */
const LATER = / data-later="([^"]*)"/;
const HAS_SESSION = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`);

/** The HTML for a request of one of the first pages, or undefined for plain index.html. */
export type FirstPage = (req: Request) => { html: string; vary?: string } | undefined;

export function firstPages(webDist: string, indexHtml: string, log: Logger): FirstPage {
  const routes = readJson(webDist, 'route-preloads.json', routePreloadsSchema, log) ?? {};
  const preloaded = Object.entries(routes).map(([page, { signedIn, files }]) => ({
    matches: pathPattern(page),
    signedIn,
    html: withScriptsAfterPaint(indexHtml, files).replace(
      '</head>',
      `${preloadLinks(files.filter(isStylesheet))}\n  </head>`,
    ),
  }));
  const prerendered = readJson(webDist, 'prerendered.json', prerenderedSchema, log) ?? {};
  const localeFiles = readJson(webDist, 'locale-files.json', localeFilesSchema, log) ?? {};
  const served = new Map(
    Object.entries(prerendered).map(([page, byLanguage]) => [
      page,
      new Map(
        Object.entries(byLanguage).map(([language, markup]) => [
          language,
          servedPage(indexHtml, routes[page]?.files ?? [], {
            page,
            language,
            markup,
            inLanguage: inLanguage(localeFiles, language as Language),
          }),
        ]),
      ),
    ]),
  );
  return (req) => {
    const session = HAS_SESSION.test(req.headers.cookie ?? '');
    const page = preloaded.find((p) => p.matches(req.path));
    const content = served.get(req.path);
    // Served with its content to a visitor only: a signed-in person's header differs, and
    // their "/" becomes their conversations (the landing page would flash).
    if (content) {
      // The same Vary on every answer of the path, whichever it is: a cache keys them all alike.
      const html = session
        ? undefined
        : content.get(preferredLanguage(req.headers['accept-language']));
      return { html: html ?? page?.html ?? indexHtml, vary: 'Cookie, Accept-Language' };
    }
    if (!page) return undefined;
    if (!page.signedIn) return { html: page.html };
    return session ? { html: page.html, vary: 'Cookie' } : { html: indexHtml, vary: 'Cookie' };
  };
}

/**
 * index.html carrying a page's content in one language: its stylesheets block the first paint
 * (the content needs them). Its scripts are not named in <head>: the start script preloads them
 * after the first paint (`data-later`) and starts the app at the visitor's first use (web
 * start-after-paint.ts, decision 92), so the first paint shares the network with nothing.
 */
function servedPage(
  indexHtml: string,
  files: string[],
  {
    page,
    language,
    markup,
    inLanguage,
  }: { page: string; language: string; markup: string; inLanguage: (href: string) => string },
): string {
  const styles = files
    .filter(isStylesheet)
    .map((href) => `<link rel="stylesheet" crossorigin href="${href}">`);
  return withScriptsAfterPaint(indexHtml, files, inLanguage)
    .replace(/<html lang="\w+">/, `<html lang="${language}">`)
    .replace('</head>', `${styles.map((l) => `    ${l}\n`).join('')}  </head>`)
    .replace(
      ROOT,
      (_all, end: string) => `<div id="root" data-prerendered="${page}">${markup}</div>${end}`,
    );
}

/**
 * index.html with every script it names for preloading, and a page's own, in the start script's
 * `data-later`: the start script preloads them once the page has painted (web
 * start-after-paint.ts, decision 93). The build already moves its own there; a build without a
 * start script keeps its links, and gets the page's beside them.
 */
function withScriptsAfterPaint(
  indexHtml: string,
  files: string[],
  rename: (href: string) => string = (href) => href,
): string {
  const scripts = files.filter((href) => !isStylesheet(href));
  if (!START_ENTRY.test(indexHtml))
    return indexHtml.replace('</head>', `${preloadLinks(scripts.map(rename))}\n  </head>`);
  const own = [
    ...(LATER.exec(indexHtml)?.[1]?.split(' ').filter(Boolean) ?? []),
    ...[...indexHtml.matchAll(SCRIPT_PRELOAD)].map((m) => m[1]!),
  ];
  const later = [...new Set([...own, ...scripts])].map(rename);
  return indexHtml
    .replace(/\n\s*<link rel="modulepreload" crossorigin href="[^"]+">/g, '')
    .replace(LATER, '')
    .replace(START_ENTRY, `$& data-later="${later.join(' ')}"`);
}

const isStylesheet = (href: string) => href.endsWith('.css');

/**
 * The build names the default language's strings for preloading; a page served in another
 * language needs that language's instead (the same chunk of it), or the app would start with
 * strings it must still download, or, offline, in the wrong language.
 */
function inLanguage(
  localeFiles: Partial<Record<Language, { strings: string; more: string }>>,
  language: Language,
): (href: string) => string {
  const from = localeFiles[DEFAULT_LANGUAGE];
  const to = localeFiles[language];
  if (!from || !to) return (href) => href;
  return (href) => (href === from.strings ? to.strings : href === from.more ? to.more : href);
}

/** "/c/:id" matches "/c/abc" (one segment per name), and nothing longer. */
function pathPattern(page: string): (path: string) => boolean {
  const source = page
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.]/g, '\\.')))
    .join('/');
  const pattern = new RegExp(`^${source}$`);
  return (path) => pattern.test(path);
}

/** A build's list, or null when it has none or it cannot be read (then plain index.html). */
function readJson<S extends z.ZodType>(
  dir: string,
  name: string,
  schema: S,
  log: Logger,
): z.output<S> | null {
  const file = path.join(dir, name);
  if (!existsSync(file)) return null;
  try {
    return schema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    log.warn({ file: name }, 'web build list unreadable (another build?): plain index.html');
    return null;
  }
}

const preloadLinks = (hrefs: string[]) =>
  hrefs
    .map((href) =>
      href.endsWith('.css')
        ? `<link rel="preload" as="style" crossorigin href="${href}">`
        : `<link rel="modulepreload" crossorigin href="${href}">`,
    )
    .join('\n    ');

/**
 * The browser's first preferred language we have, as the app itself picks one for a visitor
 * (web lib/i18n.ts browserLanguage: the primary subtag, in the browser's order), else Finnish.
 */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(/^\s*q=([\d.]+)/.exec(params.join(';'))?.[1] ?? 1);
      return { primary: tag.toLowerCase().split('-')[0], q: Number.isNaN(q) ? 0 : q };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q);
  return (tags.find((t) => (LANGUAGES as readonly string[]).includes(t.primary ?? ''))?.primary ??
    DEFAULT_LANGUAGE) as Language;
}
