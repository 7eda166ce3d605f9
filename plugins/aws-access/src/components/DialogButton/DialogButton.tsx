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

import Button, { ButtonProps } from '@material-ui/core/Button';

/**
 * A button that opens a dialog. It tells assistive tech so (the button is
 * announced as opening a dialog), and is outlined unless the caller asks
 * for another variant.
 */
export function DialogButton(
  props: Omit<ButtonProps, 'onClick' | 'aria-haspopup'> & {
    onOpen(): void;
  },
) {
  const { onOpen, variant = 'outlined', ...buttonProps } = props;
  return (
    <Button
      {...buttonProps}
      variant={variant}
      onClick={onOpen}
      aria-haspopup="dialog"
    />
  );
}
