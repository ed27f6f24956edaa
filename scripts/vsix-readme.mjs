// Writes dist/README.md for the .vsix: the README with its screenshots inlined as data: URLs.
// The extension details page renders the README in a webview that resolves relative image
// links against the workbench, not the installed extension, so a relative link shows only its
// alt text; there is no public https URL to point at yet. Inlined, the images the README
// shows travel inside the package (they are already palette-optimised PNGs, ~160 KB in all).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
let inlined = 0;
const out = readme.replace(/!\[([^\]]*)\]\((media\/[^)\s]+\.png)\)/g, (_m, alt, path) => {
  inlined++;
  return `![${alt}](data:image/png;base64,${readFileSync(join(root, path)).toString('base64')})`;
});
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'README.md'), out);
console.log(`dist/README.md: ${inlined} image(s) inlined`);
