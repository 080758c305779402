/** Message Markdown as plain text for toasts and system notifications (which show no formatting). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/@\*\*([^*\n]+)\*\*/g, '@$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~|`+)/g, '')
    .replace(/(^|\s)[*_](\S)/g, '$1$2')
    .replace(/(\S)[*_](?=\s|$|[.,!?])/g, '$1')
    .replace(/^\s*(>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
