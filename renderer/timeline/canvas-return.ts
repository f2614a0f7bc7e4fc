/**
 * [PL4] Back from the timeline, the canvas shows the timeline's selection: it centres on the
 * selected node at a readable zoom (centreOn). The canvas was unmounted while the timeline
 * showed, and on a large plan it opens fitted to the whole plan, drawn by the overview layer
 * with no card mounted, so the node picked on the timeline would be a dot somewhere or off
 * screen. The centring waits for the remounted canvas: its handle is registered (KeyboardLayer)
 * in the same commit as its fit on open, so one frame after the handle appears the fit is done
 * and the centring is not undone by it.
 */
import { centreOn } from '../canvas/fit-graph';
import { canvasHandle } from '../keyboard/canvas-handle';
import { useGraphStore } from '../state/graph-store';

/** How long to wait for the canvas to mount (frames; a large plan takes a while). */
const MOUNT_FRAMES = 240;

export function centreCanvasOnReturn(id: string): void {
  let frames = 0;
  const tick = () => {
    const handle = canvasHandle();
    if (handle) {
      requestAnimationFrame(() => {
        const record = useGraphStore.getState().nodes.get(id);
        if (record && canvasHandle() === handle) centreOn(handle.flow, record, 0);
      });
    } else if (frames++ < MOUNT_FRAMES) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
