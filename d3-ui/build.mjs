// Bundles the dashboard into one ES2020 script and copies index.html and the stylesheet beside it.
// Usage: node build.mjs <outDir>   (Maven passes target/classes/META-INF/resources/moodstream-ui)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, 'target/classes/META-INF/resources/moodstream-ui'));
mkdirSync(outDir, { recursive: true });

await build({
  entryPoints: [join(here, 'src/main.js')],
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  outfile: join(outDir, 'app.js'),
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css']) copyFileSync(join(here, 'src', file), join(outDir, file));
console.log(`moodstream-ui: built into ${outDir}`);
