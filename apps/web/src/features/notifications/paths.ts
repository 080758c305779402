/** The centre's pages (Finnish, as the app's other paths; /ilmoitukset is the reports queue). */
export const NOTIFICATION_PATHS = {
  all: '/huomiot',
  settings: '/asetukset/ilmoitukset',
} as const;
