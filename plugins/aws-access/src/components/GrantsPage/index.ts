export { GrantsPage } from './GrantsPage';
