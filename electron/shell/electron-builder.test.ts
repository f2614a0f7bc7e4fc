/**
 * Packing cannot run on the build machines (it downloads Electron), so electron-builder.yml
 * is checked here: against electron-builder's own JSON schema (app-builder-lib/scheme.json,
 * with ajv), and for the choices the app relies on (targets, the `.linkgraph.json`
 * association, the icon). The schema check needs the dev packages `app-builder-lib`, `ajv`
 * and a YAML parser (`js-yaml` or `yaml`); without them it says so loudly and is skipped.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);

type AjvClass = new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
};

function optional<T>(load: () => T): T | null {
  try {
    return load();
  } catch {
    return null;
  }
}

// Either YAML parser will do: js-yaml comes with app-builder-lib, `yaml` is the other common one.
const yaml =
  optional(() => require('js-yaml') as { load(text: string): unknown }) ??
  optional(() => {
    const { parse } = require('yaml') as { parse(text: string): unknown };
    return { load: parse };
  });
const schema = optional(() => require('app-builder-lib/scheme.json') as object);
const Ajv = optional(() => {
  const loaded = require('ajv') as AjvClass | { default: AjvClass };
  return 'default' in loaded ? loaded.default : loaded;
});
const missing = [!yaml && 'js-yaml', !schema && 'app-builder-lib', !Ajv && 'ajv'].filter(Boolean);
const SKIP_REASON = `SKIPPED: electron-builder.yml schema check needs the dev packages ${missing.join(', ')} (npm install -D ${missing.join(' ')}).`;
if (missing.length > 0) console.warn(`\n[electron-builder.test] ${SKIP_REASON}\n`);

interface BuilderConfig {
  appId: string;
  icon: string;
  files: string[];
  fileAssociations: { ext: string; mimeType: string }[];
  linux: { target: string[]; mimeTypes: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  extraMetadata: { main: string };
}

const config = () =>
  yaml?.load(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it.skipIf(missing.length > 0)('is valid for electron-builder’s JSON schema', () => {
    const validate = new Ajv!({ allErrors: true, strict: false }).compile(schema!);
    const valid = validate(config());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check has teeth: a misspelt key is refused.
    expect(validate({ ...config(), linux: { ...config().linux, targt: ['deb'] } })).toBe(false);
  });

  it.skipIf(!yaml)('packs AppImage, deb, dmg and nsis, associating .linkgraph.json', () => {
    const c = config();
    expect(c.appId).toBe('app.linkgraph.desktop');
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.mac.target).toEqual(['dmg']);
    expect(c.win.target).toEqual(['nsis']);
    expect(c.fileAssociations).toMatchObject([
      { ext: 'linkgraph.json', mimeType: 'application/x-linkgraph+json' },
    ]);
    expect(c.linux.mimeTypes).toEqual(['application/x-linkgraph+json']);
    expect(c.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { main: string };
    expect(c.extraMetadata.main).toBe(pkg.main);
    expect(c.icon).toBe('build/icon.png');
  });

  it('has a 512×512 RGBA PNG icon', () => {
    const png = readFileSync(new URL('build/icon.png', root));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[25]]).toEqual([512, 512, 6]);
  });
});
