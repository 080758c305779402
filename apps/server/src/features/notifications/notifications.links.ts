/** Where each notification opens in the web app (the bell's rows and the mails link there). */
export const paths = {
  message: (conversationId: string, messageId: string) => `/c/${conversationId}/m/${messageId}`,
  question: (id: string) => `/kysymykset/${id}`,
  meetings: '/asiantuntijat/tapaamiset',
  credits: '/kirjasto/maininnat',
  libraryEntry: (id: string) => `/kirjasto/${id}`,
  joinRequests: '/moderointi',
  reports: '/ilmoitukset',
};
