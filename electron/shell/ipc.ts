/**
 * IPC transport (SPEC X1): one handler per contract method, accepting messages only from
 * the app's own renderer files, and diffs pushed to every other window. Arguments are
 * validated by the service with the shared schemas.
 */
import { pathToFileURL } from 'node:url';
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { DIFF_CHANNEL } from '../../shared/contract/api';
import { ipcChannel } from '../../shared/contract/channel';
import { METHOD_NAMES } from '../../shared/contract/method-names';
import { err } from '../../shared/model/result';
import type { Service } from '../service/service';
import type { StartedService } from '../service/start-service';
import { visibleBatch } from '../service/visible-batch';

/** True when the frame shows a file from our own renderer folder. */
export function isOwnRendererFrame(
  frame: Pick<WebFrameMain, 'url'> | null,
  rendererDir: string,
): boolean {
  if (!frame) return false;
  const base = pathToFileURL(rendererDir).href.replace(/\/?$/, '/');
  return frame.url.startsWith(base);
}

const originOf = (contents: Pick<WebContents, 'id'>): string => `ipc:${contents.id}`;

export function setupIpc(
  ipcMain: IpcMain,
  service: Service,
  rendererDir: string,
  ownerMember: () => string,
): void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, params: unknown) => {
      if (!isOwnRendererFrame(event.senderFrame, rendererDir)) {
        return err({
          code: 'forbidden.untrusted_sender',
          message: 'IPC is only accepted from the app window.',
        });
      }
      return service.call(name, params, { member: ownerMember(), origin: originOf(event.sender) });
    });
  }
}

/** Pushes each accepted change to the app's other windows (the one that made it has its answer). */
export function setupDiffPush(started: StartedService, windows: () => WebContents[]): void {
  started.service.onDiff(async (notice) => {
    const session = await started.hub.session(notice.workspace);
    if (!session.ok) return;
    const batch = visibleBatch(session.value.state, started.owner, notice.batch);
    for (const contents of windows()) {
      if (originOf(contents) !== notice.origin)
        contents.send(DIFF_CHANNEL, { workspace: notice.workspace, batch });
    }
  });
}
