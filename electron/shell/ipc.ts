/**
 * IPC transport (SPEC X1): one handler per contract method, accepting messages only from
 * the app's own renderer files. Arguments are validated by the service with the shared schemas.
 */
import { pathToFileURL } from 'node:url';
import type { IpcMain, WebFrameMain } from 'electron';
import { ipcChannel } from '../../shared/contract/channel';
import { METHOD_NAMES } from '../../shared/contract/method-names';
import { err } from '../../shared/model/result';
import type { Service } from '../service/service';

/** True when the frame shows a file from our own renderer folder. */
export function isOwnRendererFrame(
  frame: Pick<WebFrameMain, 'url'> | null,
  rendererDir: string,
): boolean {
  if (!frame) return false;
  const base = pathToFileURL(rendererDir).href.replace(/\/?$/, '/');
  return frame.url.startsWith(base);
}

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
      return service.call(name, params, { member: ownerMember() });
    });
  }
}
