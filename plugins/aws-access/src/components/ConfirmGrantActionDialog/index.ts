export {
  ConfirmGrantActionDialog,
  type ConfirmGrantActionDialogProps,
  type GrantActionNote,
} from './ConfirmGrantActionDialog';
export { ConfirmGrantActionButton } from './ConfirmGrantActionButton';
export { useOptionalNote } from './useOptionalNote';
