/** Public interface of the experts feature (the notification digest reads expert topics). */
export { ExpertProfileModel } from './expert-profile.model.js';
