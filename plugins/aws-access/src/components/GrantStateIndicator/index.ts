export { GrantStateIndicator } from './GrantStateIndicator';
