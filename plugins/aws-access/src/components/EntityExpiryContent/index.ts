export { EntityExpiryContent } from './EntityExpiryContent';
