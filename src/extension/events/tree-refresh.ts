// Paces a tree view's refreshes. VS Code's extension host debounces onDidChangeTreeData by
// 200 ms with a leading edge (ExtHostTreeView, VS Code 1.100): refreshes that keep coming
// less than 200 ms apart postpone the trailing one forever, so under a steady event stream
// a tree refreshed per 100 ms batch would never show anything after the first batch. Asking
// at most once per REFRESH_GAP_MS leaves a gap each time, so every ask renders.
export const REFRESH_GAP_MS = 300;

export class TreeRefresh {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;

  constructor(private readonly fire: () => void, private readonly gapMs = REFRESH_GAP_MS) {}

  /** Refreshes soon: at once if the last refresh is long enough ago, else after the gap. */
  request(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.gapMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.last = Date.now();
      this.fire();
    }, wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
