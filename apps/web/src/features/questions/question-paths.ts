/** The web's addresses of questions (the server links to questionPath in the thread's root). */
export const questionPath = (id: string) => `/kysymykset/${id}`;
export const QUEUE_PATH = '/kysymykset/jono';
export const GUESTS_PATH = '/kysymykset/vieraat';
