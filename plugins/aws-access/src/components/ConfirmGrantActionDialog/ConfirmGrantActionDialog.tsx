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

import { ReactNode } from 'react';
import { alertApiRef, useApiHolder } from '@backstage/core-plugin-api';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog, { DialogProps } from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { useApiCall, useElementId } from '../../hooks';
import { ErrorAlert } from '../ErrorAlert';

/** The dialog's one free-text field: a reason or a comment for the record. */
export interface GrantActionNote {
  /** The request body's field, e.g. `reason`; names the field's element id. */
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The message the request schema gives for the value, as the API words it. */
  error?: string;
  margin?: 'dense' | 'normal';
}

export interface ConfirmGrantActionDialogProps {
  open: boolean;
  /** Asks to close; never called while the action is under way. */
  onClose: () => void;
  /** Prefix of the title's and the note's element ids, e.g. `aws-access-revoke`. */
  idPrefix: string;
  title: ReactNode;
  /** What the action does, shown above the note; may hold more fields. */
  children: ReactNode;
  note: GrantActionNote;
  cancelLabel: string;
  confirmLabel: string;
  /** The confirm button's words while the action is under way. */
  busyLabel: string;
  confirmColor: 'primary' | 'secondary';
  /** Keeps confirm disabled, e.g. while the note is invalid. */
  confirmDisabled?: boolean;
  /**
   * Called on confirm before anything is sent; `false` stops there, e.g.
   * after revealing a form's errors.
   */
  canConfirm?: () => boolean;
  /**
   * Sends the action and resolves to the message of the success alert. A
   * rejection keeps the dialog open with the error as the API worded it.
   */
  onConfirm: () => Promise<string>;
  /** Sizing for dialogs that hold wider fields. */
  dialogProps?: Pick<DialogProps, 'maxWidth' | 'fullWidth'>;
}

/**
 * The confirmation dialog of a grant action (revoke, extend, cancel,
 * approve, reject): a title, what happens, an optional note, the API's
 * error, and cancel/confirm buttons that stay put while the call runs.
 */
export function ConfirmGrantActionDialog(props: ConfirmGrantActionDialogProps) {
  const { open, onClose, idPrefix, title, children, note } = props;
  // ToastApi where the app has it (the new frontend system); the
  // deprecated AlertApi only in apps without it.
  const apis = useApiHolder();
  const toastApi = apis.get(toastApiRef);
  const alertApi = toastApi ? undefined : apis.get(alertApiRef);
  const { busy, error, setError, run } = useApiCall();
  const titleId = useElementId(`${idPrefix}-title`);
  const noteId = useElementId(`${idPrefix}-${note.name}`);

  const close = () => {
    if (!busy) {
      setError(undefined);
      onClose();
    }
  };

  const confirm = async () => {
    if (props.confirmDisabled || (props.canConfirm && !props.canConfirm())) {
      return;
    }
    await run(async () => {
      const message = await props.onConfirm();
      if (toastApi) {
        toastApi.post({ title: message, status: 'success', timeout: 5000 });
      } else {
        alertApi?.post({ message, severity: 'success', display: 'transient' });
      }
    });
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby={titleId}
      {...props.dialogProps}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        {children}
        <TextField
          id={noteId}
          label={note.label}
          value={note.value}
          onChange={e => note.onChange(e.target.value)}
          error={Boolean(note.error)}
          helperText={note.error}
          fullWidth
          multiline
          variant="outlined"
          margin={note.margin ?? 'dense'}
        />
        <ErrorAlert error={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {props.cancelLabel}
        </Button>
        <Button
          onClick={confirm}
          color={props.confirmColor}
          variant="contained"
          disabled={busy || Boolean(props.confirmDisabled)}
        >
          {busy ? props.busyLabel : props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
