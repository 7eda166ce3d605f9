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

import { act, render, screen } from '@testing-library/react';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { PropagationHint } from './PropagationHint';

describe('PropagationHint', () => {
  const activatedAt = new Date('2026-12-01T10:00:00Z');
  const grant = (overrides: Partial<Grant> = {}) => ({
    state: 'active' as const,
    activatedAt: activatedAt.toISOString(),
    cli: { propagationDelaySeconds: 10 },
    ...overrides,
  });

  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date(activatedAt.getTime() + 2000));
  });
  afterEach(() => jest.useRealTimers());

  it('says AWS may refuse the new role, then goes away once the configured time has passed', () => {
    render(<PropagationHint grant={grant()} />);
    expect(screen.getByTestId('propagation-hint')).toHaveTextContent(
      'Propagating — AWS may refuse the role for a few seconds (about 8 s more)',
    );
    act(() => {
      jest.advanceTimersByTime(8000);
    });
    expect(screen.queryByTestId('propagation-hint')).not.toBeInTheDocument();
  });

  it('lasts 15 seconds when the backend names no delay', () => {
    render(<PropagationHint grant={grant({ cli: {} })} />);
    act(() => {
      jest.advanceTimersByTime(12_000);
    });
    expect(screen.getByTestId('propagation-hint')).toHaveTextContent(
      'about 1 s more',
    );
  });

  it('is not shown for a grant active for longer, or not active', () => {
    const { rerender } = render(
      <PropagationHint
        grant={grant({ activatedAt: '2026-12-01T09:59:00.000Z' })}
      />,
    );
    expect(screen.queryByTestId('propagation-hint')).not.toBeInTheDocument();
    rerender(<PropagationHint grant={grant({ state: 'revoked' })} />);
    expect(screen.queryByTestId('propagation-hint')).not.toBeInTheDocument();
  });
});
