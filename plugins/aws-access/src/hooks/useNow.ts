import { useEffect, useState } from 'react';

/**
 * The current time, updated every `intervalMs`. Countdowns run in the
 * browser from `expiresAt`; the server is only asked when state changes.
 */
export function useNow(intervalMs: number = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
