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

import { render, screen } from '@testing-library/react';
import { UserText, neutralizeUserText } from './UserText';

describe('UserText', () => {
  it('shows markdown and HTML as the characters typed, never as a heading, link or image', () => {
    const text =
      '# Security notice\n[Sign in](https://evil.example) ![](https://evil.example/p.png) <img src=x onerror=alert(1)>';
    const { container } = render(<UserText>{text}</UserText>);

    expect(container.querySelector('h1, a, img')).toBeNull();
    expect(container.textContent).toBe(text);
  });

  it('isolates the text and lets long words wrap', () => {
    render(<UserText>{`deploy-${'x'.repeat(300)}`}</UserText>);

    const element = screen.getByText(/^deploy-x+$/);
    expect(element.tagName).toBe('BDI');
    const style = getComputedStyle(element);
    expect(style.overflowWrap).toBe('anywhere');
    expect(style.wordBreak).toBe('break-word');
  });

  it('shows bidi controls instead of letting them turn "REJECTED" into "APPROVED"', () => {
    const text = 'THIS REQUEST IS \u202EDEVORPPA\u202C';

    expect(neutralizeUserText(text)).toBe(
      'THIS REQUEST IS [U+202E]DEVORPPA[U+202C]',
    );
    expect(neutralizeUserText('a\u2066b\u2069')).toBe('a[U+2066]b[U+2069]');
  });

  it('cuts floods of combining marks, and keeps ordinary accents', () => {
    const flood = `Z${'\u0301\u0316\u0334'.repeat(30)}alg`;

    expect(neutralizeUserText(flood)).toBe('Z\u0301\u0316\u0334\u0301alg');
    expect(neutralizeUserText('Tiếng Việt, naïve, हिन्दी')).toBe(
      'Tiếng Việt, naïve, हिन्दी',
    );
  });

  it('renders nothing for an empty text', () => {
    const empty = '';
    const { container } = render(<UserText>{empty}</UserText>);
    expect(container.innerHTML).toBe('');
  });
});
