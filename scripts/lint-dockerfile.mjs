#!/usr/bin/env node
// Lints a Dockerfile without a Docker engine and without hadolint (not packaged for Debian):
// dockerfile-utils (the parser and validator behind VS Code's Dockerfile support) finds syntax
// and instruction errors; the checks below add the hadolint-style rules this project relies on.
// Usage: node scripts/lint-dockerfile.mjs [docker/Dockerfile]
import { readFileSync } from 'node:fs';
import { validate, ValidationSeverity } from 'dockerfile-utils';

const file = process.argv[2] ?? 'docker/Dockerfile';
const text = readFileSync(file, 'utf8');
const lines = text.split('\n');
const problems = [];
const report = (line, message) => problems.push(`${file}:${line}: ${message}`);

// 1. Syntax and instruction validity, every optional check raised to an error.
const E = ValidationSeverity.ERROR;
for (const d of validate(text, {
  deprecatedMaintainer: E,
  directiveCasing: E,
  emptyContinuationLine: E,
  instructionCasing: E,
  instructionCmdMultiple: E,
  instructionEntrypointMultiple: E,
  instructionHealthcheckMultiple: E,
  instructionJSONInSingleQuotes: E,
  instructionWorkdirRelative: E,
})) {
  report(d.range.start.line + 1, d.message);
}

// 2. Logical instructions (continuation lines joined), with their first line number.
const instructions = [];
for (let i = 0; i < lines.length; i++) {
  const start = i;
  let body = lines[i];
  if (/^\s*(#|$)/.test(body)) continue;
  while (body.trimEnd().endsWith('\\') && i + 1 < lines.length) {
    i++;
    if (/^\s*#/.test(lines[i])) continue;
    body = body.trimEnd().slice(0, -1) + ' ' + lines[i].trim();
  }
  const match = body.trim().match(/^(\w+)\s+(.*)$/s);
  if (match)
    instructions.push({ line: start + 1, keyword: match[1].toUpperCase(), args: match[2] });
}

// ARGs declared before the first FROM may name the base image: resolve their defaults.
const globalArgs = {};
for (const ins of instructions) {
  if (ins.keyword === 'FROM') break;
  const m = ins.keyword === 'ARG' && ins.args.match(/^(\w+)=(\S+)/);
  if (m) globalArgs[m[1]] = m[2];
}
const resolve = (s) => s.replace(/\$\{?(\w+)\}?/g, (_, name) => globalArgs[name] ?? `$${name}`);

const stages = [];
for (const ins of instructions) {
  if (ins.keyword === 'FROM') {
    const [image, , alias] = ins.args.split(/\s+/);
    const resolved = resolve(image);
    stages.push({ line: ins.line, image: resolved, alias, instructions: [] });
    const known = stages.some((s) => s.alias === resolved);
    const tag = resolved.includes('@') ? 'digest' : resolved.split('/').pop().split(':')[1];
    if (!known && (!tag || tag === 'latest'))
      report(ins.line, `pin the base image "${resolved}" to a version tag (DL3006/DL3007)`);
  } else if (stages.length) {
    stages.at(-1).instructions.push(ins);
  }
  if (ins.keyword === 'ADD' && !/^(--\S+\s+)*(https?:|git@)/.test(ins.args)) {
    report(
      ins.line,
      'use COPY for local files; ADD also unpacks archives and fetches URLs (DL3020)',
    );
  }
  if (ins.keyword === 'RUN') {
    const run = ins.args;
    if (/\bsudo\b/.test(run)) report(ins.line, 'do not use sudo (DL3004)');
    if (/apt-get\s+(-\S+\s+)*install\b/.test(run)) {
      if (!/--no-install-recommends/.test(run))
        report(ins.line, 'apt-get install without --no-install-recommends (DL3015)');
      if (!/\s-y\b|--yes|--assume-yes/.test(run))
        report(ins.line, 'apt-get install without -y (DL3014)');
      if (!/rm -rf \/var\/lib\/apt\/lists/.test(run))
        report(ins.line, 'remove /var/lib/apt/lists after apt-get install (DL3009)');
    }
    if (/\bapt\s+install\b/.test(run))
      report(ins.line, 'use apt-get, not apt, in scripts (DL3027)');
    if (/\bnpm\s+(install|i)\b/.test(run))
      report(ins.line, 'use `npm ci` for a reproducible install from package-lock.json');
    if (/^cd\s|&&\s*cd\s/.test(run)) report(ins.line, 'use WORKDIR instead of cd (DL3003)');
  }
}

// 3. The image that runs: a non-root user and a health check.
const final = stages.at(-1);
if (!final) report(1, 'no FROM instruction');
else {
  const users = final.instructions.filter((i) => i.keyword === 'USER');
  const lastUser = users.at(-1)?.args.trim();
  if (!lastUser || /^(root|0)(:|$)/.test(lastUser)) {
    report(final.line, 'the final stage must switch to a non-root USER (DL3002)');
  }
  if (!final.instructions.some((i) => i.keyword === 'HEALTHCHECK')) {
    report(final.line, 'the final stage has no HEALTHCHECK');
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`lint-dockerfile: ${problems.length} problem(s) in ${file}`);
  process.exit(1);
}
console.log(
  `lint-dockerfile: ${file} OK (${stages.length} stages, final: ${final.image} as ${final.instructions.findLast((i) => i.keyword === 'USER').args})`,
);
