/** Socket.IO room names. Built only here so that server emitters and tests agree. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  /** Every socket of one Lucia session, so that revoking it can disconnect them. */
  session: (sessionId: string) => `session:${sessionId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** Everyone who has one library entry open (library:watch), for live updates and presence. */
  libraryEntry: (entryId: string) => `library-entry:${entryId}`,
  moderators: () => 'role:moderators',
  everyone: () => 'everyone',
} as const;
