/** The benchmark report: a table for people, JSON for machines. Pure, apart from reading the machine's description. */
import os from 'node:os';
import type { BenchResult, BenchSettings, Figure } from './types.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export interface Report {
  date: string;
  machine: Machine;
  mode: 'full' | 'quick';
  /** Without the database URL. */
  settings: Omit<BenchSettings, 'postgresUrl'>;
  results: BenchResult[];
  /** `id: reason` of benchmarks that could not run here. */
  skipped?: string[];
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${ms.toPrecision(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  return `${ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)}×`;
}

export function formatMb(mb: number): string {
  return Number.isFinite(mb) ? `${mb.toFixed(1)} MB` : 'n/a';
}

function formatFigure(f: Figure): string {
  const value = f.unit === 'ms' ? formatMs(f.value) : f.unit === 'MB' ? formatMb(f.value) : f.unit === '%' ? `${Number(f.value.toFixed(1))}%` : f.value.toLocaleString('en-US');
  return `${f.name} ${value}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('   ').trimEnd());
}

/** A table of median times and ratios, then each benchmark's own figures. */
export function formatReport(report: Report): string {
  const { machine, settings } = report;
  const rows = [
    ['benchmark', 'per', 'subject (median)', 'baseline (median)', 'ratio', 'spread'],
    ...report.results.map((r) => [
      r.title,
      r.per,
      `${r.subject.label} ${(r.unit === 'MB' ? formatMb : formatMs)(r.subject.medianMs)}`,
      `${r.baseline.label} ${(r.unit === 'MB' ? formatMb : formatMs)(r.baseline.medianMs)}`,
      formatRatio(r.ratio.median),
      `${formatRatio(r.ratio.min)}–${formatRatio(r.ratio.max)}`,
    ]),
  ];
  const figures = report.results.filter((r) => r.figures.length > 0).map((r) => `  ${r.id}: ${r.figures.map(formatFigure).join(', ')}`);
  const notes = report.results.flatMap((r) => (r.notes ?? []).map((line) => `  ${r.id}: ${line}`));
  const skipped = (report.skipped ?? []).map((line) => `  skipped ${line}`);
  return [
    `kpibot benchmarks (${report.mode} run) · ${report.date}`,
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB · Node ${machine.node} · ${machine.platform}`,
    `${settings.rounds} paired rounds each; ratio = subject ÷ baseline per round (median; spread = lowest–highest round). Below 1× the subject is faster.`,
    '',
    ...table(rows),
    ...(figures.length > 0 ? ['', ...figures] : []),
    ...(notes.length > 0 ? ['', ...notes] : []),
    ...(skipped.length > 0 ? ['', ...skipped] : []),
  ].join('\n');
}
