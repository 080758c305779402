import type { AuditEntry } from '@yhteistyotila/protocol';

/**
 * A cell a spreadsheet will not run (OWASP "CSV Injection"): text starting with = + - @, a tab
 * or a carriage return is prefixed with a single quote, so Excel, LibreOffice and Google Sheets
 * show it as text; every cell is quoted and its quotes doubled, so a separator or a line break
 * inside a reason cannot start a cell of its own.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

const HEADER = ['at', 'actor', 'actorId', 'action', 'targetType', 'target', 'reason', 'details'];

const details = (d: AuditEntry['details']) =>
  Object.entries(d)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('; ');

/** RFC 4180 with CRLF rows, and a byte-order mark so that Excel reads ä and ö as UTF-8. */
export function auditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((e) => [
    e.at,
    e.actorName ?? '',
    e.actorId ?? '',
    e.action,
    e.targetType,
    e.targetId ?? '',
    e.reason ?? '',
    details(e.details),
  ]);
  return `\uFEFF${[HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
