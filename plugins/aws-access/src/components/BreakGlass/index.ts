export { BreakGlassChip } from './BreakGlassChip';
export { BreakGlassOption } from './BreakGlassOption';
export { BreakGlassReviewQueue } from './BreakGlassReviewQueue';
