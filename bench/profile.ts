import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Summarises a V8 CPU profile of the portal server: where the time went, by
 * function (self time) and by package or project folder, optionally only
 * during one phase of the benchmark. `BENCH_CPU_PROFILE_DIR=/tmp/prof npm run bench`
 * writes the profile when the server stops; the phase windows come from
 * bench/results/latest.json.
 * Usage: tsx bench/profile.ts <file.cpuprofile> ["phase name"] [top]
 */

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
type Results = { phaseWindowsMicros?: Record<string, { fromMicros: number; toMicros: number }> };

const [file, phase, topArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile.ts <file.cpuprofile> ["phase name"] [top]');
const top = Number(topArgument ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

let window = { fromMicros: -Infinity, toMicros: Infinity };
if (phase) {
  const results = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'bench', 'results', 'latest.json'), 'utf8')) as Results;
  const found = results.phaseWindowsMicros?.[phase];
  if (!found) throw new Error(`no phase "${phase}" in latest.json; phases: ${Object.keys(results.phaseWindowsMicros ?? {}).join(', ')}`);
  window = found;
}

// Samples are counted rather than their time deltas summed: on a busy machine the process is
// descheduled now and then, and the long gap would be charged to whatever happened to run.
const sortedDeltas = [...profile.timeDeltas].sort((a, b) => a - b);
const interval = sortedDeltas[Math.floor(sortedDeltas.length / 2)] ?? 1_000;
const samplesByNode = new Map<number, number>();
let timestamp = profile.startTime;
profile.samples.forEach((nodeId, index) => {
  timestamp += profile.timeDeltas[index] ?? 0;
  if (timestamp < window.fromMicros || timestamp > window.toMicros) return;
  samplesByNode.set(nodeId, (samplesByNode.get(nodeId) ?? 0) + 1);
});

/** Where a script comes from: the npm package, the bundled chunk's package, or the project folder. */
function origin(url: string): string {
  if (!url) return '(native / V8)';
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((match) => match[1]);
  if (packages.length > 0) return packages[packages.length - 1] ?? url;
  if (url.startsWith('node:')) return url;
  const project = /\/work\/[^/]+\/(.*)$/.exec(url)?.[1] ?? url;
  return project.replace(/\/[^/]*$/, '/');
}

const byFunction = new Map<string, number>();
const byOrigin = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const samples = samplesByNode.get(node.id) ?? 0;
  const { functionName, url, lineNumber } = node.callFrame;
  if (samples === 0 || functionName === '(idle)') continue;
  total += samples;
  const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|\.next[^/]*)\//, '$1/')}:${lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + samples);
  byOrigin.set(origin(url), (byOrigin.get(origin(url)) ?? 0) + samples);
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, samples] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((samples / total) * 100).toFixed(1).padStart(5)} %  ${((samples * interval) / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`${phase ? `phase "${phase}": ` : ''}${((total * interval) / 1e6).toFixed(1)} s of CPU sampled (every ${interval} µs, idle left out)`);
print('self time by origin', byOrigin);
print('self time by function', byFunction);
