/** Module resolve hook (registered by register.mjs): `import 'electron'` gets the fake. */
const FAKE = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: FAKE, shortCircuit: true };
  return nextResolve(specifier, context);
}
