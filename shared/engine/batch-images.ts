/**
 * Guards on history images (shared/engine/batch.ts), kept free of zod so that the renderer,
 * which folds pushed batches into its records, can import them without the schemas.
 */
import type { Empty, NodeImage, NodeStatusImage } from './batch';

/** True when an image stands for "absent" (`{}`). */
export function isEmptyImage(img: object): img is Empty {
  for (const _ in img) return false;
  return true;
}

/** True when a node image is a full record rather than a cascade status image. */
export function isFullNodeImage(img: NodeImage | NodeStatusImage): img is NodeImage {
  return 'display_id' in img;
}
