export { EntityGrantContent } from './EntityGrantContent';
