export { GrantHistory } from './GrantHistory';
