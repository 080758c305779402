/** The experts' pages (Finnish paths, like the rest of the app). */
export const expertsPaths = {
  panel: '/asiantuntijat',
  meetings: '/asiantuntijat/tapaamiset',
  own: '/asiantuntijat/oma',
} as const;
