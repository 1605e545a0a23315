import { useSignal } from '@backstage/plugin-signals-react';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * How often the page asks again when the app has no signals (the signals
 * plugin is not installed): slow, since it asks for as long as it is open.
 */
export const FALLBACK_REFRESH_INTERVAL_MS = 30_000;

export interface SignalledReport<TReport> {
  report?: TReport;
  /** The last load's failure; the previous report stays shown with it. */
  error?: Error;
  loading: boolean;
  refresh: () => void;
}

export interface SignalledReportOptions {
  /**
   * Whether `loading` is true again while the report loads anew. Without it
   * only the first load shows as loading, so a card that swaps its content
   * for a progress bar does not flicker on every signal.
   */
  loadingOnReload?: boolean;
  /**
   * Whether a failure means asking again is pointless (the user may not see
   * what the report is about): signals and polling stop loading it then,
   * though `refresh` still does.
   */
  givesUpOn?: (error: Error) => boolean;
}

/**
 * A report from the backend, kept current for as long as the page is open:
 * loaded at first, again on each signal of the channel the backend sends its
 * changes on, and every 30 s when the app has no signals. A failed load keeps
 * the last report, with the failure beside it.
 *
 * @param load - loads the report; memoize it, as each new function loads anew
 */
export function useSignalledReport<TReport>(
  channel: string,
  load: () => Promise<TReport>,
  options: SignalledReportOptions = {},
): SignalledReport<TReport> {
  const { loadingOnReload = false, givesUpOn } = options;
  const [state, setState] = useState<{
    report?: TReport;
    error?: Error;
    loading: boolean;
  }>({ loading: true });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick(t => t + 1), []);
  const { lastSignal, isSignalsAvailable } = useSignal(channel);

  useEffect(() => {
    // An answer to a load that a newer one replaced must not overwrite it.
    let cancelled = false;
    if (loadingOnReload) {
      setState(previous => ({ ...previous, loading: true }));
    }
    load().then(
      report => !cancelled && setState({ report, loading: false }),
      error =>
        !cancelled &&
        setState(previous => ({
          report: previous.report,
          error,
          loading: false,
        })),
    );
    return () => {
      cancelled = true;
    };
  }, [load, tick, loadingOnReload]);

  const givenUp = state.error !== undefined && !!givesUpOn?.(state.error);

  // Each signal loads once: giving up, or ceasing to, runs this effect again
  // and must not load on the same signal twice.
  const handledSignal = useRef<unknown>(null);
  useEffect(() => {
    if (!lastSignal || lastSignal === handledSignal.current) {
      return;
    }
    handledSignal.current = lastSignal;
    if (!givenUp) {
      refresh();
    }
  }, [lastSignal, givenUp, refresh]);

  // Each answer is a new state, so the wait starts again after every load.
  useEffect(() => {
    if (isSignalsAvailable || state.loading || givenUp) {
      return undefined;
    }
    const timer = setTimeout(refresh, FALLBACK_REFRESH_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [isSignalsAvailable, state, givenUp, refresh]);

  return { ...state, refresh };
}
