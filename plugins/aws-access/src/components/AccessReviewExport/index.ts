export { AccessReviewExport } from './AccessReviewExport';
