/**
 * Screen layout: how big the maps are and which twins show. Desktop and tablet: both maps side by
 * side, as large as fits above the fold (the key controls to their right when the window is wide).
 * Phone (narrower than 700 px): one map at a time, full width, with a toggle. Re-run on resize and on
 * device-pixel-ratio changes; the maps are re-laid out at their real pixel size (never stretched).
 */
export interface Layout {
  size: number;
  phone: boolean;
  side: boolean;
}

const PHONE = 700;
const SIDE = 1100;

export function computeLayout(present: boolean): Layout {
  const vw = document.documentElement.clientWidth;
  const vh = innerHeight;
  const phone = vw < PHONE && !present;
  const side = vw >= SIDE && !present;
  document.body.classList.toggle('phone', phone);
  document.body.classList.toggle('side', side);
  const host = document.getElementById('pane-left')!.getBoundingClientRect().top + scrollY;
  const storyBox = document.getElementById('story-box')!;
  const story = present && !storyBox.hidden ? Math.min(190, storyBox.getBoundingClientRect().height || 190) : 0;
  const metrics = present ? 92 : 80;
  const width = vw - 24 - (side ? 312 : 0);
  const perPane = phone ? width : (width - 12) / 2;
  const tall = vh - host - metrics - story - 8;
  const floor = phone ? 200 : 220;
  const size = Math.floor(Math.max(floor, Math.min(900, perPane, tall)));
  return { size, phone, side };
}
