/** Public interface of the questions feature (nothing is used by other features yet). */
export { QuestionModel, type QuestionDoc } from './question.model.js';
