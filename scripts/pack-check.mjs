#!/usr/bin/env node
// Packs the package as npm would publish it and checks the tarball with publint and
// @arethetypeswrong/cli (types resolve for ESM and CJS consumers). Expects a fresh `npm run build`.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (cmd, args) =>
	execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts']));
const tarball = packed[0].filename;
try {
	console.log(`packed ${tarball}: ${packed[0].files.length} files, ${packed[0].size} bytes`);
	execFileSync('npx', ['publint', 'run', tarball, '--strict'], { stdio: 'inherit' });
	execFileSync('npx', ['attw', tarball, '--profile', 'node16'], { stdio: 'inherit' });
} finally {
	rmSync(tarball, { force: true });
}
