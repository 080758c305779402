/**
 * What this tab is showing right now, so that facts about it count as read (no unread badge,
 * no toast) and the read mark moves instead.
 */
export const activeView = {
  conversationId: null as string | null,
  /** The reader is at the newest messages (not scrolled back through history). */
  atBottom: true,
};

export function isViewing(conversationId: string): boolean {
  return activeView.conversationId === conversationId && activeView.atBottom && !document.hidden;
}
