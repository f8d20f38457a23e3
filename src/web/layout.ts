/**
 * Screen layout: how big the maps are and which twins show. Desktop and tablet: both maps side by
 * side, as large as fits above the fold (the key controls to their right when the window is wide).
 * Phone (narrower than 700 px): one map at a time, full width, with a toggle. Presentation: both maps
 * side by side at 40% or more of the width each, the story and room in the column to their right.
 * Re-run on resize and on device-pixel-ratio changes; the maps are re-laid out at their real pixel
 * size (never stretched).
 */
export interface Layout {
  size: number;
  phone: boolean;
  side: boolean;
}

const PHONE = 700;
const SIDE = 1100;
/** Presentation: the story column takes what the two maps (≥ 40% of the width each) leave. */
const PRESENT_COLUMN = 0.17;

export function computeLayout(present: boolean): Layout {
  const vw = document.documentElement.clientWidth;
  const vh = innerHeight;
  const phone = vw < PHONE && !present;
  const side = vw >= SIDE && !present;
  document.body.classList.toggle('phone', phone);
  document.body.classList.toggle('side', side);
  const host = document.getElementById('pane-left')!.getBoundingClientRect().top + scrollY;
  if (present) {
    const metrics = document.getElementById('metrics-left')!.getBoundingClientRect().height || 40;
    const width = (vw * (1 - PRESENT_COLUMN) - 12 - 12 - 12) / 2;
    const size = Math.floor(Math.max(200, Math.min(width, vh - host - metrics - 12)));
    document.body.style.setProperty('--map', `${size}px`);
    return { size, phone: false, side: false };
  }
  const width = vw - 24 - (side ? 312 : 0);
  const perPane = phone ? width : (width - 12) / 2;
  const tall = vh - host - 80 - 8;
  const floor = phone ? 200 : 220;
  const size = Math.floor(Math.max(floor, Math.min(900, perPane, tall)));
  return { size, phone, side };
}
