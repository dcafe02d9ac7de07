/** The 1-second candlestick chart, drawn on a 2D <canvas>. */
export interface Candle { t: number; open: number; high: number; low: number; close: number; volume: number }

export function drawCandles(canvas: HTMLCanvasElement, candles: readonly Candle[], refPrice: number): void {
  const dpr = window.devicePixelRatio || 1;
  const cssW = canvas.clientWidth || 600;
  const cssH = canvas.clientHeight || 240;
  if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(cssH * dpr);
  }
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cssW, cssH);
  const axisW = 56;
  const w = cssW - axisW;
  const h = cssH - 16;
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of candles) {
    lo = Math.min(lo, c.low);
    hi = Math.max(hi, c.high);
  }
  if (!candles.length) {
    lo = refPrice - 10;
    hi = refPrice + 10;
  }
  if (hi - lo < 4) {
    const mid = (hi + lo) / 2;
    lo = mid - 2;
    hi = mid + 2;
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const y = (p: number) => 8 + ((hi - p) / (hi - lo)) * h;
  // grid + axis
  ctx.strokeStyle = "#1c2638";
  ctx.fillStyle = "#8b95a7";
  ctx.font = "11px ui-monospace, monospace";
  ctx.lineWidth = 1;
  for (let i = 0; i <= 4; i++) {
    const p = lo + ((hi - lo) * i) / 4;
    const yy = Math.round(y(p)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(0, yy);
    ctx.lineTo(w, yy);
    ctx.stroke();
    ctx.fillText(String(Math.round(p)), w + 6, yy + 4);
  }
  if (!candles.length) {
    ctx.fillText("No trades yet", 12, 20);
    return;
  }
  const slots = 60;
  const shown = candles.slice(-slots);
  const step = w / slots;
  const body = Math.max(2, step * 0.6);
  shown.forEach((c, i) => {
    const x = (slots - shown.length + i) * step + step / 2;
    const up = c.close >= c.open;
    ctx.strokeStyle = ctx.fillStyle = up ? "#4fd49a" : "#ff6b6b";
    ctx.beginPath();
    ctx.moveTo(Math.round(x) + 0.5, y(c.high));
    ctx.lineTo(Math.round(x) + 0.5, y(c.low));
    ctx.stroke();
    const top = y(Math.max(c.open, c.close));
    const bh = Math.max(1, y(Math.min(c.open, c.close)) - top);
    ctx.fillRect(x - body / 2, top, body, bh);
  });
}
