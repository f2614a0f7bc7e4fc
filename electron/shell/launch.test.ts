import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { describe, expect, it } from 'vitest';
import { createFileOpener, setupSingleInstance } from './launch';
import { importFormatOf, readImportFile, workspaceFileFromArgv } from './workspace-files';
import { MAX_IMPORT_BYTES } from '../../shared/exchange/limits';

describe('opening a .linkgraph.json from the OS', () => {
  it('finds the workspace file on a Windows/Linux command line', () => {
    expect(
      workspaceFileFromArgv(['/opt/Linkgraph/linkgraph', '/home/a/plan.linkgraph.json'], '/'),
    ).toBe('/home/a/plan.linkgraph.json');
    // Relative to the launching shell's directory; flags and their values skipped.
    expect(
      workspaceFileFromArgv(
        ['electron', '.', '--data', 'x.linkgraph.json', '--no-sandbox', 'docs/Plan.LINKGRAPH.JSON'],
        '/home/a',
      ),
    ).toBe('/home/a/docs/Plan.LINKGRAPH.JSON');
    expect(
      workspaceFileFromArgv(['linkgraph', 'file:///home/a/My%20plan.linkgraph.json'], '/'),
    ).toBe('/home/a/My plan.linkgraph.json');
  });

  it('ignores everything that is not a workspace file', () => {
    expect(workspaceFileFromArgv([], '/')).toBeNull();
    expect(workspaceFileFromArgv(['/x/plan.linkgraph.json'], '/')).toBeNull(); // argv[0] is the executable
    expect(
      workspaceFileFromArgv(['linkgraph', '.', 'notes.json', 'graph.graphml'], '/'),
    ).toBeNull();
    expect(
      workspaceFileFromArgv(['linkgraph', '--original-process-start-time=1', '--data', 'd'], '/'),
    ).toBeNull();
    expect(workspaceFileFromArgv(['linkgraph', 'file://%zz.linkgraph.json'], '/')).toBeNull();
  });

  it('knows the import format by the file name', () => {
    expect(importFormatOf('/a/b.linkgraph.json')).toBe('json');
    expect(importFormatOf('/a/b.GraphML')).toBe('graphml');
    expect(importFormatOf('/a/b.canvas')).toBe('canvas');
    expect(importFormatOf('/a/b.csv')).toBe('csv');
    expect(importFormatOf('/a/b.dot')).toBeNull();
  });

  it('refuses a file over the import limit without reading it', async () => {
    let read = false;
    const result = await readImportFile('/a/huge.linkgraph.json', {
      size: async () => MAX_IMPORT_BYTES + 1,
      read: async () => {
        read = true;
        return '';
      },
      write: async () => {},
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request.import_too_large' } });
    expect(read).toBe(false);
    const missing = await readImportFile('/definitely/not/here.linkgraph.json');
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad_request.import_invalid' } });
  });

  it('holds files asked for before the app is ready, then opens each once', async () => {
    const opened: string[] = [];
    const opener = createFileOpener(async (path) => opened.push(path));
    opener.request('/a.linkgraph.json');
    opener.request('/a.linkgraph.json');
    opener.request('/b.linkgraph.json');
    expect(opened).toEqual([]);
    opener.ready();
    opener.request('/c.linkgraph.json');
    expect(opened).toEqual(['/a.linkgraph.json', '/b.linkgraph.json', '/c.linkgraph.json']);
  });
});

describe('one instance', () => {
  const fakeApp = (locked: boolean) =>
    Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => locked });

  it('a second launch focuses the running window and opens the file it was given', () => {
    const app = fakeApp(true);
    const calls: string[] = [];
    const got = setupSingleInstance(
      app as unknown as Pick<App, 'requestSingleInstanceLock' | 'on'>,
      {
        focus: () => calls.push('focus'),
        openFile: (path) => calls.push(`open ${path}`),
      },
    );
    expect(got).toBe(true);
    app.emit('second-instance', {}, ['linkgraph', '--flag', 'p.linkgraph.json'], '/home/b');
    app.emit('second-instance', {}, ['linkgraph'], '/home/b');
    let prevented = false;
    app.emit(
      'open-file',
      { preventDefault: () => (prevented = true) },
      '/Users/c/q.linkgraph.json',
    );
    expect(calls).toEqual([
      'focus',
      'open /home/b/p.linkgraph.json',
      'focus',
      'open /Users/c/q.linkgraph.json',
    ]);
    expect(prevented).toBe(true);
  });

  it('the second instance itself is told to quit and listens to nothing', () => {
    const app = fakeApp(false);
    const got = setupSingleInstance(
      app as unknown as Pick<App, 'requestSingleInstanceLock' | 'on'>,
      {
        focus: () => {},
        openFile: () => {},
      },
    );
    expect(got).toBe(false);
    expect(app.eventNames()).toEqual([]);
  });
});
