export { EntityRequestAccessContent } from './EntityRequestAccessContent';
