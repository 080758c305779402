/**
 * The seed documents the starting entries are written from. An entry's front matter names them
 * by key (`sources: [seed-002]`); the loader stores the title and address. An address is given
 * only where the document itself names one.
 */
export const SEED_SOURCES = {
  'seed-000': {
    title: 'Suomen Vanhempainliitto: Vanhemmat kunnan yhteistyökumppanina (esite)',
    url: 'https://www.vanhempainliitto.fi',
  },
  'seed-001': { title: 'Suomen Vanhempainliitto: Kuntakohtainen vanhempaintoiminta' },
  'seed-002': {
    title:
      'Suomen Vanhempainliitto: Ohjeet ja toimintamalli kuntakohtaisen vanhempaintoiminnan ja kunnan yhteistyöhön',
  },
  'seed-003': { title: 'Mannerheimin Lastensuojeluliitto: Kuntayhteistyö' },
  'seed-004': {
    title:
      'Kuntaliitto: Yhdyspintafoorumi 12.5.2023, alle kouluikäisten lasten palvelut (esitykset, mm. Lappeenrannan kaupunki ja Satakunnan hyvinvointialue)',
    url: 'http://www.kuntaliitto.fi/yhdyspinnat',
  },
} as const satisfies Record<string, { title: string; url?: string }>;
