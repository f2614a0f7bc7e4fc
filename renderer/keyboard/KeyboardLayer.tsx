import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { LinkgraphFlowEdge, LinkgraphFlowNode } from '../canvas/flow-elements';
import { setCanvasHandle } from './canvas-handle';
import { useKeyboardStore } from './keyboard-store';
import { LinkPicker } from './LinkPicker';
import { ShortcutsDialog } from './ShortcutsDialog';
import './keyboard.css';

/**
 * A child of <ReactFlow>: hands the canvas to the key handlers (which run outside React) and
 * shows the keyboard's dialogs — the link-target picker (L) and the shortcut list (?) — over
 * the app (a portal, so they are not clipped by the canvas).
 */
export function KeyboardLayer() {
  const flow = useReactFlow<LinkgraphFlowNode, LinkgraphFlowEdge>();
  const store = useStoreApi<LinkgraphFlowNode, LinkgraphFlowEdge>();
  const linkFrom = useKeyboardStore((s) => s.linkFrom);
  const helpOpen = useKeyboardStore((s) => s.helpOpen);
  useEffect(() => {
    setCanvasHandle({ flow, store });
    return () => setCanvasHandle(null);
  }, [flow, store]);
  const host = typeof document !== 'undefined' ? document.querySelector('.lg-app') : null;
  if (!host || (!linkFrom && !helpOpen)) return null;
  return createPortal(
    <>
      {linkFrom && <LinkPicker from={linkFrom} />}
      {helpOpen && <ShortcutsDialog />}
    </>,
    host,
  );
}
