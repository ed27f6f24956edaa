// The events-per-second sparkline: a small canvas redrawn once per stats message (1/s).
// Colours come from the theme's CSS variables so it follows light, dark and high contrast.

export class Sparkline {
  readonly element: HTMLCanvasElement;

  constructor(private readonly width = 120, private readonly height = 20) {
    this.element = document.createElement('canvas');
    this.element.className = 'sparkline';
    this.element.setAttribute('role', 'img');
    this.element.setAttribute('aria-label', 'Events per second: no data yet');
    const ratio = window.devicePixelRatio || 1;
    this.element.width = Math.round(width * ratio);
    this.element.height = Math.round(height * ratio);
    this.element.style.width = `${width}px`;
    this.element.style.height = `${height}px`;
  }

  /** `rate`: events per second, oldest first; the last value is the current rate. */
  draw(rate: readonly number[]): void {
    const ctx = this.element.getContext('2d');
    if (ctx === null) return;
    const ratio = this.element.width / this.width;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    const current = rate.length > 0 ? rate[rate.length - 1] : 0;
    const peak = Math.max(1, ...rate);
    this.element.setAttribute('aria-label', `Events per second: ${Math.round(current)} now, ${Math.round(peak)} peak over the last ${rate.length} s`);
    this.element.title = `${Math.round(current)} events/s (peak ${Math.round(peak)})`;
    if (rate.length < 2) return;
    const style = getComputedStyle(document.body);
    ctx.strokeStyle = style.getPropertyValue('--vscode-charts-blue').trim() || style.getPropertyValue('--vscode-foreground').trim() || '#888';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    const step = this.width / (rate.length - 1);
    rate.forEach((r, i) => {
      const x = i * step;
      const y = this.height - 1 - (r / peak) * (this.height - 2);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }
}
