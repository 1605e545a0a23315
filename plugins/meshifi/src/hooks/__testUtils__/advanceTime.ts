import { act } from '@testing-library/react';

/** Lets jest's fake clock run on, and React settle what it set off. */
export const advanceTime = (ms: number) =>
  act(async () => {
    jest.advanceTimersByTime(ms);
  });
