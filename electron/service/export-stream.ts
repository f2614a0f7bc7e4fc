/**
 * A text export as the local API's download body. The exporter writes in pieces
 * (shared/exchange/pieces.ts); each piece is written, encoded as UTF-8 and handed on when the
 * client is ready for more, after a turn of the event loop, so the API answers other clients
 * between two pieces, and a slow client holds a generator, not a 200 MB string.
 *
 * Why not a worker thread (the way issue 16's first round went): copying a 100,000-node
 * graph's 250,000 records to a worker and building them again there cost more than writing
 * the file (GraphML: ~1 s of copies against 1.7 s of writing), and the last byte came 1–3 s
 * later than on this thread; pieces here keep the API's longest stall to about one piece.
 * The records are immutable (the engine replaces a record, never edits it), so the graph
 * taken when the download starts is what the whole file shows, whatever changes meanwhile.
 */
import { nextTurn } from '../in-turns';

/** UTF-16 units per chunk of a text that is already whole (`textBytes`). */
const CHARS_PER_CHUNK = 1 << 20;

/**
 * The pieces as a byte stream, one piece per read. The first piece is written at once, so an
 * exporter that fails on its way in throws here, before any answer is sent: the service
 * turns that into a typed error. One failing later ends the download as failed (the client
 * sees an incomplete transfer, not a short file).
 */
export function pieceBytes(pieces: Iterator<string, unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let ahead = pieces.next();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // An empty piece is an exporter's long preparation asking for a turn (pieces.ts):
        // it is given one, and the next piece is written, until one has text to send.
        for (;;) {
          if (ahead.done) {
            controller.close();
            return;
          }
          const text = ahead.value;
          if (text.length > 0) controller.enqueue(encoder.encode(text));
          await nextTurn();
          ahead = pieces.next();
          if (text.length > 0) return;
        }
      },
      cancel() {
        pieces.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A text's slices of `chars` UTF-16 units, never cut between the two halves of a surrogate
 * pair (an emoji), which encoded apart would each become U+FFFD.
 */
export function* textSlices(text: string, chars = CHARS_PER_CHUNK): Generator<string> {
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + chars, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) {
      if (end - start > 1) end--;
      else end++; // a slice of one unit takes the whole pair
    }
    yield text.slice(start, end);
    start = end;
  }
}

/** A file already written whole, as a byte stream (a method without pieces of its own). */
export const textBytes = (text: string, chars?: number): ReadableStream<Uint8Array> =>
  pieceBytes(textSlices(text, chars));
