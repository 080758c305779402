import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request } from 'express';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@yhteistyotila/protocol';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/lucia.js';
import type { Logger } from '../log.js';

/*
 * index.html as the pages people open first from outside the app are served: each names its own
 * scripts for preloading, and the landing page carries its content (decision 85). Both lists are
 * written by the web build (web route-preload.ts, prerender.ts); without them (an older build)
 * every path gets index.html as it is.
 */

const routePreloadsSchema = z.record(
  z.string().regex(/^(\/(:?[\w-]+|[\w.-]+))+$/),
  z.object({
    /** Only for a request with a session (a visitor's ends on the sign-in page). */
    signedIn: z.boolean(),
    files: z.array(z.string().regex(/^\/assets\/[\w.-]+\.(js|css)$/)),
  }),
);
const prerenderedSchema = z.object({ '/': z.record(z.enum(LANGUAGES), z.string()) });

/** The root element's content, replaced by a prerendered page's. */
const ROOT = /<div id="root">[\s\S]*<\/div>(\s*<\/body>)/;
const LOW_PRIORITY_PRELOAD = '<link rel="modulepreload" fetchpriority="low" crossorigin';
const HAS_SESSION = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`);

/** The HTML for a request of one of the first pages, or undefined for plain index.html. */
export type FirstPage = (req: Request) => { html: string; vary?: string } | undefined;

export function firstPages(webDist: string, indexHtml: string, log: Logger): FirstPage {
  const preloaded = Object.entries(
    readJson(webDist, 'route-preloads.json', routePreloadsSchema, log) ?? {},
  ).map(([page, { signedIn, files }]) => ({
    matches: pathPattern(page),
    signedIn,
    html: indexHtml.replace('</head>', `${preloadLinks(files)}\n  </head>`),
  }));
  const landing = readJson(webDist, 'prerendered.json', prerenderedSchema, log)?.['/'];
  const landingHtml = new Map(
    Object.entries(landing ?? {}).map(([language, markup]) => [
      language,
      indexHtml
        .replace(/<html lang="\w+">/, `<html lang="${language}">`)
        // Its content needs no script: the stylesheet and images come first.
        .replaceAll('<link rel="modulepreload" crossorigin', LOW_PRIORITY_PRELOAD)
        .replace(
          ROOT,
          (_all, end: string) => `<div id="root" data-prerendered>${markup}</div>${end}`,
        ),
    ]),
  );
  return (req) => {
    const session = HAS_SESSION.test(req.headers.cookie ?? '');
    // A signed-in person's "/" becomes their conversations: the landing page would flash.
    if (req.path === '/' && landingHtml.size > 0) {
      // The same Vary on every answer of "/", whichever it is: a cache keys them all alike.
      const html = session
        ? undefined
        : landingHtml.get(preferredLanguage(req.headers['accept-language']));
      return { html: html ?? indexHtml, vary: 'Cookie, Accept-Language' };
    }
    const page = preloaded.find((p) => p.matches(req.path));
    if (!page) return undefined;
    if (!page.signedIn) return { html: page.html };
    return session ? { html: page.html, vary: 'Cookie' } : { html: indexHtml, vary: 'Cookie' };
  };
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
