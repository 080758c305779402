/** Public interface of the questions feature (the notification digest reads an expert's queue). */
export { questionQueue } from './queue.service.js';
export { QuestionModel, type QuestionDoc } from './question.model.js';
