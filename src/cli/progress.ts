import { Format, MultiBar, SingleBar } from 'cli-progress';
import { FeedFetchPhase, FeedFetchProgress } from '../modules/feed/feed-progress';

/**
 * The progress bar of `feeds fetch` (cli-progress), on stderr so stdout keeps the results. It shows what the
 * fetch knows: MISP feeds events done of the manifest's total (bar, percentage, rate, ETA); CSV and
 * free-text feeds bytes read of the announced size (Content-Length or the file size) with the same, or,
 * when the size is unknown, bytes and values read with their rates. Log lines written while a bar is up are
 * printed above it (never glued to it). Without a terminal nothing is drawn unless `force` (then a line
 * every second), and the caller prints one summary line at the end.
 */
export interface ProgressDisplay {
  update(p: FeedFetchProgress): void;
  /** Writes a line above the bar (or straight to stderr without one). */
  log(line: string): void;
  /** Removes the bar (terminal) or prints its last state (forced, not a terminal). */
  stop(): void;
}

const units = (n: number) => Format.ValueFormat(n, {}, 'value');

function bytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  const u = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < u.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${u[i]}`;
}

function eta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line of the display, from the latest report and the time elapsed (pure; exported for tests). */
export function progressLine(name: string, p: FeedFetchProgress, elapsedMs: number, bar: (fraction: number) => string): string {
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const phase = p.phase.toLowerCase();
  const counts = `values ${units(p.rows)} (${Math.round(p.rows / seconds)}/s), new ${p.new}, invalid ${p.invalid}`;
  if (p.eventsTotal !== null && p.eventsTotal > 0) {
    const f = Math.min(1, p.eventsDone / p.eventsTotal);
    const rate = p.eventsDone / seconds;
    return `${name} [${bar(f)}] ${Math.floor(f * 100)}% | events ${p.eventsDone}/${p.eventsTotal} | ${rate.toFixed(1)} events/s | ETA ${eta((p.eventsTotal - p.eventsDone) / rate)} | ${counts}`;
  }
  if (p.bytesTotal !== null && p.bytesTotal > 0) {
    const f = Math.min(1, p.bytes / p.bytesTotal);
    const rate = p.bytes / seconds;
    return `${name} [${bar(f)}] ${Math.floor(f * 100)}% | ${bytes(p.bytes)}/${bytes(p.bytesTotal)} | ${bytes(rate)}/s | ETA ${eta((p.bytesTotal - p.bytes) / rate)} | ${counts}`;
  }
  return `${name} ${phase} | ${bytes(p.bytes)} (${bytes(p.bytes / seconds)}/s) | ${counts}`;
}

export function progressDisplay(name: string, opts: { tty: boolean; force: boolean; stream?: NodeJS.WriteStream }): ProgressDisplay {
  const stream = opts.stream ?? process.stderr;
  if (!opts.tty && !opts.force) {
    return { update: () => undefined, log: (line) => void stream.write(`${line}\n`), stop: () => undefined };
  }
  // Rates and ETA count from the moment data started to flow (not from the start-up or the download request).
  let started = Date.now();
  let storing = false;
  let latest: FeedFetchProgress | null = null;
  const multi = new MultiBar({
    stream,
    noTTYOutput: !opts.tty,
    notTTYSchedule: 1000,
    fps: 8,
    hideCursor: opts.tty,
    clearOnComplete: opts.tty,
    gracefulExit: true,
    format: (options, params) =>
      latest
        ? progressLine(name, latest, (params.stopTime ?? Date.now()) - started, (f) => Format.BarFormat(f, options))
        : `${name} starting`,
  });
  const bar: SingleBar = multi.create(1, 0);
  let stopped = false;
  let pendingLines = 0;
  return {
    update(p) {
      if (!storing && p.phase === FeedFetchPhase.STORING) {
        storing = true;
        started = Date.now();
      }
      latest = p;
      const total = p.eventsTotal ?? p.bytesTotal ?? 0;
      const value = p.eventsTotal !== null ? p.eventsDone : p.bytes;
      bar.setTotal(Math.max(total, 1));
      bar.update(value);
    },
    log(line) {
      if (stopped) stream.write(`${line}\n`);
      else {
        pendingLines++;
        multi.log(`${line}\n`);
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // A terminal: draw the last state and flush lines logged meanwhile, then clear the bar. Otherwise stop()
      // prints the last state once; only pending log lines need a flush first.
      if (opts.tty || pendingLines) multi.update();
      multi.stop();
    },
  };
}
