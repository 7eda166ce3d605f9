import { useState } from 'react';
import Button from '@material-ui/core/Button';
import {
  ConfirmGrantActionDialog,
  type ConfirmGrantActionDialogProps,
} from './ConfirmGrantActionDialog';

/**
 * An outlined button that opens a {@link ConfirmGrantActionDialog}; the
 * dialog closes itself once the action succeeds.
 */
export function ConfirmGrantActionButton(
  props: Omit<ConfirmGrantActionDialogProps, 'open' | 'onClose'> & {
    /** The button's words. */
    label: string;
    color?: 'default' | 'primary' | 'secondary';
    size?: 'small' | 'medium';
    /** Called when the user closes the dialog without confirming. */
    onDismiss?: () => void;
  },
) {
  const { label, color, size, onDismiss, onConfirm, ...dialogProps } = props;
  const [open, setOpen] = useState(false);

  return (
    <>
      <Button
        variant="outlined"
        color={color}
        size={size}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        {label}
      </Button>
      <ConfirmGrantActionDialog
        {...dialogProps}
        open={open}
        onClose={() => {
          setOpen(false);
          onDismiss?.();
        }}
        onConfirm={async () => {
          const message = await onConfirm();
          setOpen(false);
          return message;
        }}
      />
    </>
  );
}
