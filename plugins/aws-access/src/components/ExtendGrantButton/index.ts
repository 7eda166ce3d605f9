export { ExtendGrantButton } from './ExtendGrantButton';
