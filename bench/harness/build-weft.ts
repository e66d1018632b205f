/**
 * Makes sure `<repo>/dist` holds a build of the current sources: runs `npm run build` in the
 * repository root (it only writes dist/) when dist/runtime/index.js is missing or older than a
 * source file. BENCH_SKIP_BUILD=1 skips the check. Resolves a problem message, or undefined.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sourceDirs = ['runtime', 'compiler', 'plugins', 'schema'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureWeftBuild(repoDir: string): string | undefined {
  if (process.env.BENCH_SKIP_BUILD === '1' || process.env.WEFT_BENCH_SOURCE === '1') return undefined;
  const entry = join(repoDir, 'dist', 'runtime', 'index.js');
  const sources = Math.max(...sourceDirs.map((dir) => newestSource(join(repoDir, dir))));
  if (existsSync(entry) && statSync(entry).mtimeMs >= sources) return undefined;
  console.error('weft: dist/ is missing or stale, running `npm run build` in the repository root...');
  const started = Date.now();
  const build = spawnSync('npm', ['run', 'build'], { cwd: repoDir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status === 0) return undefined;
  // tsc emits despite type errors: a working tree others are editing may not type-check while its
  // JavaScript is complete. Go on with what was emitted, loudly; fail only when nothing was.
  if (existsSync(entry) && statSync(entry).mtimeMs >= started - 1_000) {
    console.error(
      `weft: npm run build reported type errors (exit ${build.status}); measuring the emitted dist/ anyway`,
    );
    return undefined;
  }
  return `npm run build in ${repoDir} failed (exit ${build.status})`;
}
