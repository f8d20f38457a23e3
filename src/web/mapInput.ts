/**
 * Pointer input on the maps: a click places a shock where it lands; pressing on a firm's ring and
 * dragging moves that firm's home (a press that moves less than one map unit is a click). The
 * cursor shows which will happen. The maps are also focusable and described for screen readers.
 */
import type { PaneRenderer } from './renderer.ts';

export interface MapHandlers {
  shock(x: number, y: number): void;
  moveHome(firm: number, x: number, y: number): void;
  pointer(pane: number, x: number, y: number): void;
}

export function wireMapInput(renderers: PaneRenderer[], on: MapHandlers): void {
  renderers.forEach((r, k) => {
    const canvas = r.app.canvas;
    canvas.tabIndex = 0;
    canvas.setAttribute('aria-label', `${k === 0 ? 'Left' : 'Right'} map: click to place a shock, drag a firm's ring to move its home; its state is described below`);
    canvas.setAttribute('aria-describedby', k === 0 ? 'desc-left' : 'desc-right');
    const world = (e: PointerEvent) => {
      const rect = canvas.getBoundingClientRect();
      return r.toWorld(((e.clientX - rect.left) / rect.width) * r.app.screen.width, ((e.clientY - rect.top) / rect.height) * r.app.screen.height);
    };
    let drag: { firm: number; x: number; y: number } | null = null;
    canvas.addEventListener('pointerdown', (e) => {
      const [x, y] = world(e);
      drag = { firm: r.firmAt(x, y), x, y };
    });
    canvas.addEventListener('pointerup', (e) => {
      if (!drag) return;
      const [x, y] = world(e);
      const d = drag;
      drag = null;
      if (d.firm >= 0 && Math.hypot(x - d.x, y - d.y) > 1) on.moveHome(d.firm, x, y);
      else on.shock(x, y);
    });
    canvas.addEventListener('pointermove', (e) => {
      const [x, y] = world(e);
      on.pointer(k, x, y);
      canvas.style.cursor = drag && drag.firm >= 0 ? 'grabbing' : r.firmAt(x, y) >= 0 ? 'grab' : 'crosshair';
    });
  });
}
