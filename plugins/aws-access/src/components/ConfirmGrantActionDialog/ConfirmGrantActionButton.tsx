/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { useState } from 'react';
import { DialogButton } from '../DialogButton';
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
      <DialogButton color={color} size={size} onOpen={() => setOpen(true)}>
        {label}
      </DialogButton>
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
