import { auditFilterSchema, type AuditFilter } from '@yhteistyotila/protocol';

/**
 * The page's filter lives in its URL (a filtered view can be bookmarked or sent to another
 * moderator). Dates are days in the URL and the form; the server gets the local day's bounds.
 */
export interface AuditForm {
  action: string;
  actorId: string;
  targetId: string;
  from: string;
  to: string;
  q: string;
}

const FIELDS = ['action', 'actorId', 'targetId', 'from', 'to', 'q'] as const;

export function formFromParams(params: URLSearchParams): AuditForm {
  const get = (k: string) => params.get(k) ?? '';
  return {
    action: get('action'),
    actorId: get('actorId'),
    targetId: get('targetId'),
    from: get('from'),
    to: get('to'),
    q: get('q'),
  };
}

export function paramsFromForm(form: AuditForm): URLSearchParams {
  const params = new URLSearchParams();
  for (const k of FIELDS) if (form[k].trim()) params.set(k, form[k].trim());
  return params;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999`).toISOString();

/** What the server is asked; anything malformed (a hand-edited URL) is left out. */
export function filterFromForm(form: AuditForm): AuditFilter {
  const raw = {
    action: form.action || undefined,
    actorId: form.actorId || undefined,
    targetId: form.targetId || undefined,
    from: DAY_RE.test(form.from) ? dayStart(form.from) : undefined,
    to: DAY_RE.test(form.to) ? dayEnd(form.to) : undefined,
    q: form.q.trim() || undefined,
  };
  const filter: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    const one = auditFilterSchema.safeParse({ [k]: v });
    if (one.success) filter[k] = v;
  }
  return filter as AuditFilter;
}

/** The query string of the CSV download for the same filter. */
export const exportQuery = (filter: AuditFilter): string =>
  new URLSearchParams(Object.entries(filter) as [string, string][]).toString();
