import { useEffect, useRef, useState } from 'react';
import { playChime } from './chime.ts';

/**
 * "You drive now": true for a few seconds after the keyboard passes to `userId`
 * (a rotation, the facilitator's choice, an accepted request), with a chime.
 * Not when they were already driving as the page opened.
 */
export function useDriverCue(driverUserId: string | undefined, userId: string | undefined, ms = 8000): boolean {
  const previous = useRef<string | undefined>(undefined);
  const [cue, setCue] = useState(false);
  useEffect(() => {
    const before = previous.current;
    previous.current = driverUserId;
    if (before === undefined || !userId || driverUserId !== userId || before === userId) return;
    setCue(true);
    playChime();
    const timer = setTimeout(() => setCue(false), ms);
    return () => clearTimeout(timer);
  }, [driverUserId, userId, ms]);
  return cue;
}
