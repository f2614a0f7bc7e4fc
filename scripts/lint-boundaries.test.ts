import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Lints `code` as if it were the file at `filePath`, with the project's config. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('architecture boundaries are enforced by lint', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", 'Node I/O'],
    ["import { app } from 'electron';", 'Electron'],
    ["import { useState } from 'react';", 'React'],
    ["import { ReactFlow } from '@xyflow/react';", 'React Flow'],
    ["import Store from 'electron-store';", 'electron-store'],
    ["import { startApiServer } from '../../electron/api/http-server';", 'main-process code'],
  ])('shared/ may not import %s (%s)', async (line) => {
    const messages = await restrictedImports('shared/engine/example.ts', `${line}\nexport {};\n`);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(/shared\//);
  });

  it('shared/ may import zod and its own modules', async () => {
    const code =
      "import { z } from 'zod';\nimport { ok } from '../model/result';\nexport const a = [z, ok];\n";
    expect(await restrictedImports('shared/engine/example.ts', code)).toEqual([]);
  });

  it.each([
    ["import { startApiServer } from '../electron/api/http-server';"],
    ["import { ipcRenderer } from 'electron';"],
    ["import { readFileSync } from 'node:fs';"],
  ])('renderer/ may not import %s', async (line) => {
    const messages = await restrictedImports('renderer/example.ts', `${line}\nexport {};\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/renderer\//);
  });
});
