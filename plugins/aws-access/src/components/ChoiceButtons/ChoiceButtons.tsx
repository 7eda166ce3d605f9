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

/** One of the answers a reviewer can give, e.g. Approve or Reject. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  variant: ButtonProps['variant'];
  color: ButtonProps['color'];
}

/**
 * The buttons a reviewer decides with. Every decision screen offers its
 * answers side by side and disables or announces them alike, so the buttons
 * are drawn in one place and each screen only lists its answers.
 */
export function ChoiceButtons<T extends string>(props: {
  choices: readonly Choice<T>[];
  onChoose(value: NoInfer<T>): void;
  disabled?: boolean;
  /** Set when a choice opens a dialog, so assistive tech announces it. */
  opensDialog?: boolean;
}) {
  const { choices, onChoose, disabled, opensDialog } = props;
  return (
    <>
      {choices.map(choice => (
        <Button
          key={choice.value}
          variant={choice.variant}
          color={choice.color}
          disabled={disabled}
          onClick={() => onChoose(choice.value)}
          aria-haspopup={opensDialog ? 'dialog' : undefined}
        >
          {choice.label}
        </Button>
      ))}
    </>
  );
}
