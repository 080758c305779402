/** The agreed search address (`/haku?q=`), and the permalink a hit opens. */
export const searchPath = (q: string) => `/haku?q=${encodeURIComponent(q)}`;
export const messagePath = (conversationId: string, messageId: string) =>
  `/c/${conversationId}/m/${messageId}`;
