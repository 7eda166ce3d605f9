export { GrantDetails } from './GrantDetails';
