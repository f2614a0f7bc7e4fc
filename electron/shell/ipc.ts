/**
 * IPC transport (SPEC X1): one handler per contract method, accepting messages only from
 * the app's own renderer files, and diffs pushed to every other window. Arguments are
 * validated by the service with the shared schemas.
 */
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { DIFF_CHANNEL } from '../../shared/contract/api';
import { ipcChannel } from '../../shared/contract/channel';
import { METHOD_NAMES } from '../../shared/contract/method-names';
import type { MethodName } from '../../shared/contract/method-names';
import { err } from '../../shared/model/result';
import type { Service } from '../service/service';
import type { StartedService } from '../service/start-service';
import { APP_HOST, APP_SCHEME } from './app-protocol';

/**
 * True when the frame shows our own renderer: a page of `app://linkgraph/`, which serves
 * nothing but the packaged renderer files (app-protocol.ts). `file://` pages are refused:
 * the app never loads one.
 */
export function isOwnRendererFrame(frame: Pick<WebFrameMain, 'url'> | null): boolean {
  if (!frame) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username;
}

const originOf = (contents: Pick<WebContents, 'id'>): string => `ipc:${contents.id}`;

/**
 * `afterCall` hears of every accepted call (the menu rebuilds after the renderer switches
 * workspace, for instance).
 */
export function setupIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  service: Service,
  ownerMember: () => string,
  afterCall: (method: MethodName) => void = () => {},
): void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, params: unknown) => {
      if (!isOwnRendererFrame(event.senderFrame)) {
        return err({
          code: 'forbidden.untrusted_sender',
          message: 'IPC is only accepted from the app window.',
        });
      }
      const answer = await service.call(name, params, {
        member: ownerMember(),
        origin: originOf(event.sender),
      });
      afterCall(name);
      return answer;
    });
  }
}

/** Pushes each accepted change to the app's other windows (the one that made it has its answer). */
export function setupDiffPush(started: StartedService, windows: () => WebContents[]): void {
  started.service.onDiff((notice) => {
    const batch = notice.visibleTo(started.owner);
    if (!batch) return;
    for (const contents of windows()) {
      if (originOf(contents) !== notice.origin)
        contents.send(DIFF_CHANNEL, { workspace: notice.workspace, batch });
    }
  });
}
