export { GrantPreviewPanel } from './GrantPreviewPanel';
