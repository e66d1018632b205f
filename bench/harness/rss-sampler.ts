/** Samples the process RSS every `intervalMs` (an unref'd timer) and keeps the maximum. */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  start(intervalMs = 5): void {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Stops sampling; resolves the peak in bytes: max(samples, the process's maxRSS). */
  stop(): number {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.sample();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    return Math.max(this.peak, maxRss);
  }

  /** The peak in bytes so far (max(samples, maxRSS)), sampling on. */
  peakNow(): number {
    this.sample();
    return Math.max(this.peak, process.resourceUsage().maxRSS * 1024);
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
}
