import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, type Machine } from './env.js';

export interface SummaryRow {
  scenario: string;
  target: string;
  measured: string;
  ratio: number | null;
  met: boolean | null;
  note: string;
}

export function summaryTable(rows: SummaryRow[]): string {
  const lines = ['| scenario | target | measured | ratio | met |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const met = r.met === null ? 'report' : r.met ? 'yes' : '**no**';
    lines.push(
      `| ${r.scenario} | ${r.target} | ${r.measured}${r.note ? ` (${r.note.trim()})` : ''} | ${r.ratio ?? ''} | ${met} |`,
    );
  }
  return lines.join('\n');
}

/** `--record`: appends this run's table, machine, commit and exact command to docs/benchmarks-log.md. */
export function recordMarkdown(out: {
  mode: string;
  command: string;
  machine: Machine;
  database: string;
  startedAt: string;
  durationS: number;
  summary: SummaryRow[];
}): void {
  const file = path.join(REPO, 'docs/benchmarks-log.md');
  if (!existsSync(file)) writeFileSync(file, '# Benchmark run log\n');
  const m = out.machine;
  appendFileSync(
    file,
    [
      '',
      `### Run ${out.startedAt} (${out.mode})`,
      '',
      `- Command: \`${out.command}\``,
      `- Commit: \`${m.commit}\`${m.dirty ? ' (with uncommitted changes)' : ''}`,
      `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}`,
      `- Database: ${out.database}`,
      `- Duration: ${out.durationS} s`,
      '',
      summaryTable(out.summary),
      '',
    ].join('\n'),
  );
}
