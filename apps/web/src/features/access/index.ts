/** What other web features use of access: the municipality picker and names. */
export { MunicipalityPicker } from './components/MunicipalityPicker.js';
export { municipalityLabel } from './components/municipalities.js';
