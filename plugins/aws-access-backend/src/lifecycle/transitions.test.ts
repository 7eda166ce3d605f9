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

import {
  GRANT_EVENT_TYPES,
  GRANT_STATES,
  GrantState,
  TERMINAL_GRANT_STATES,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  nextState,
  NOTE_EVENT_TYPES,
  REQUESTED_STATES,
  TRANSITIONS,
  TransitionEventType,
} from './transitions';

const types = Object.keys(TRANSITIONS) as TransitionEventType[];

describe('the grant transition table', () => {
  it('reaches every state from a request', () => {
    const reached = new Set<GrantState>(REQUESTED_STATES);
    let grew = true;
    while (grew) {
      grew = false;
      for (const type of types) {
        for (const from of [...reached]) {
          const to = nextState(type, from);
          if (to && !reached.has(to)) {
            reached.add(to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...GRANT_STATES].sort());
  });

  it('has no way out of a terminal state', () => {
    for (const state of TERMINAL_GRANT_STATES) {
      expect(types.filter(type => nextState(type, state))).toEqual([]);
    }
  });

  it('refuses a transition from a state it does not start from', () => {
    expect(nextState('activated', 'pending')).toBeUndefined();
    expect(nextState('approved', 'active')).toBeUndefined();
    expect(nextState('expiring', 'provisioning')).toBeUndefined();
    expect(nextState('activated', 'provisioning')).toBe('active');
    expect(nextState('step-failed', 'revoking')).toBe('revoking');
  });

  it('covers every event type: a transition, the request, or a note', () => {
    expect([...types, 'requested', ...NOTE_EVENT_TYPES].sort()).toEqual(
      [...GRANT_EVENT_TYPES].sort(),
    );
  });

  it('lets the engine change IAM state only under its claim, and others only while no claim is live', () => {
    for (const type of ['role-created', 'activated', 'revoked'] as const) {
      expect(TRANSITIONS[type].guards).toContain('claim-held');
    }
    expect(TRANSITIONS['revoke-requested'].guards).toEqual(['no-live-claim']);
    expect(TRANSITIONS.expiring.guards).toEqual(
      expect.arrayContaining(['no-live-claim', 'expiry-reached']),
    );
  });
});
