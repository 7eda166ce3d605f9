export { LiveGrants } from './LiveGrants';
export type { LiveGrantsView } from './LiveGrants';
