// The receive rate: a small chart of events per second over the last minute, labelled with
// what it shows and its scale (the current rate and the peak, which is the chart's top), so it
// reads as a chart and not as a stray line. Redrawn once per stats message (1/s). Colours come
// from the theme's CSS variables so it follows light, dark and high contrast.

export class Sparkline {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly label: HTMLElement;

  constructor(private readonly width = 60, private readonly height = 16) {
    this.element = document.createElement('span');
    this.element.className = 'rate';
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'sparkline';
    // The label says it in words; the chart only repeats it.
    this.canvas.setAttribute('aria-hidden', 'true');
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.label = document.createElement('span');
    this.label.className = 'rate-label';
    this.element.append(this.canvas, this.label);
    this.setLabel([]);
  }

  /** `rate`: events per second, oldest first, one a second; the last value is the current rate. */
  draw(rate: readonly number[]): void {
    this.setLabel(rate);
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) return;
    const ratio = this.canvas.width / this.width;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    const style = getComputedStyle(document.body);
    // The baseline (0 events/s), so an idle stream reads as a flat chart, not as nothing.
    ctx.fillStyle = style.getPropertyValue('--vscode-descriptionForeground').trim() || '#888';
    ctx.globalAlpha = 0.5;
    ctx.fillRect(0, this.height - 1, this.width, 1);
    ctx.globalAlpha = 1;
    if (rate.length < 2) return;
    const peak = Math.max(1, ...rate);
    ctx.strokeStyle = style.getPropertyValue('--vscode-charts-blue').trim() || style.getPropertyValue('--vscode-foreground').trim() || '#888';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    // A full minute spans the width; a shorter history starts at the right, where "now" is.
    const step = this.width / 59;
    const x0 = this.width - (rate.length - 1) * step;
    rate.forEach((r, i) => {
      const x = x0 + i * step;
      const y = this.height - 1.5 - (r / peak) * (this.height - 3);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }

  private setLabel(rate: readonly number[]): void {
    const current = Math.round(rate.at(-1) ?? 0);
    const peak = Math.round(Math.max(0, ...rate));
    this.label.textContent = `${current.toLocaleString()} events/s · peak ${peak.toLocaleString()}`;
    this.element.title = `Events received per second over the last minute: ${current.toLocaleString()} now, ${peak.toLocaleString()} at the most (the top of the chart)`;
  }
}
