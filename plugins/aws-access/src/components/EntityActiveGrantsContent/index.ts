export { EntityActiveGrantsContent } from './EntityActiveGrantsContent';
