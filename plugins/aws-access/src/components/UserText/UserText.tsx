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

import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  text: {
    // A 300-character word wraps inside its card instead of widening it.
    overflowWrap: 'anywhere',
    wordBreak: 'break-word',
    whiteSpace: 'pre-wrap',
    // Isolated from the label and buttons around it, whatever direction the
    // text itself runs in (the <bdi> element does the same; this covers
    // browsers that treat it as a plain span).
    unicodeBidi: 'isolate',
  },
});

/** Bidi embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** More combining marks on one letter than any script needs. */
const MARK_FLOOD = /(\p{M}{4})\p{M}+/gu;

/**
 * What a person typed (a reason, a comment), shown to other people as plain
 * text. The API refuses bidi controls, and caps combining marks, in new
 * text; this also holds for text stored before that: a bidi control shows as
 * a visible code instead of silently reordering what the reader sees, and a
 * pile of combining marks is cut so it cannot draw over neighbouring lines.
 */
export function neutralizeUserText(text: string): string {
  return text
    .replace(
      BIDI_CONTROLS,
      c => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`,
    )
    .replace(MARK_FLOOD, '$1');
}

/**
 * Renders user text as text, never markup, wrapped within its container and
 * isolated from the text around it.
 */
export function UserText(props: { children?: string | null }) {
  const classes = useStyles();
  if (!props.children) return null;
  return (
    <bdi className={classes.text} data-user-text="">
      {neutralizeUserText(props.children)}
    </bdi>
  );
}
