/**
 * The targets of the bench issue, checked against one run's records: weft / peer ratios (lower
 * is faster, except req/s and runs/s where higher is better) with the measured value, the target
 * and met / NOT met. "Mastra in-memory" is Mastra without storage: `mastra bare` (unregistered,
 * its fastest, the figures of WORKLOADS.md) is the stricter reference and decides; `mastra default`
 * (registered in `new Mastra()`) is shown next to it. A row whose numbers are missing says so.
 */
import { cell } from './report-format.js';
import type { ColdStartRecord, WorkloadRecord } from './report-records.js';
import { round } from './stats.js';

interface TargetRow {
  readonly target: string;
  readonly measured: string;
  readonly want: string;
  readonly met: boolean | undefined;
}

type Field = 'median_ms' | 'runs_per_s' | 'req_per_s' | 'peak_rss_mb';

function find(
  records: WorkloadRecord[],
  engine: string,
  config: string,
  workload: string,
): WorkloadRecord | undefined {
  return records.find(
    (r) => r.engine === engine && r.config === config && r.workload === workload && r.error === undefined,
  );
}

function value(record: WorkloadRecord | undefined, field: Field): number | undefined {
  const v = record?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function ratioRow(
  target: string,
  weft: WorkloadRecord | undefined,
  peers: readonly (WorkloadRecord | undefined)[],
  field: Field,
  limit: number,
  direction: 'at-most' | 'at-least',
): TargetRow {
  const mine = value(weft, field);
  const ratios = peers.map((peer) => {
    const theirs = value(peer, field);
    return mine === undefined || theirs === undefined || theirs === 0 ? undefined : mine / theirs;
  });
  const decisive = ratios[0];
  const want = `${direction === 'at-most' ? '<=' : '>='} ${limit}x`;
  if (decisive === undefined) return { target, measured: 'not measured', want, met: undefined };
  const shown = ratios.map((r) => (r === undefined ? '-' : `${round(r, 3)}x`));
  const measured = shown.length > 1 ? `${shown[0]} (${shown.slice(1).join(', ')})` : (shown[0] as string);
  return { target, measured, want, met: direction === 'at-most' ? decisive <= limit : decisive >= limit };
}

function fasterPeer(records: WorkloadRecord[], workload: string, candidates: readonly [string, string][]) {
  const measured = candidates
    .map(([engine, config]) => find(records, engine, config, workload))
    .filter((r): r is WorkloadRecord => value(r, 'median_ms') !== undefined);
  return measured.sort((a, b) => (a.median_ms as number) - (b.median_ms as number))[0];
}

function dataItem(record: WorkloadRecord | undefined, prefix: string) {
  return record?.items?.find((item) => item.item.startsWith(prefix));
}

function memoryRows(records: WorkloadRecord[]): TargetRow[] {
  const mastra = dataItem(find(records, 'mastra', 'libsql-file', 'W7'), 'recall last 20 (remember)');
  return ['memory', 'pglite'].map((config) => {
    const weft = find(records, 'weft', config, 'W7');
    const recall = weft?.items?.find((item) => item.item.startsWith('recall last 20'));
    const measured =
      recall === undefined || mastra === undefined ? undefined : recall.median_ms / mastra.median_ms;
    return {
      target: `W7 recall of the last 20, weft ${config} / Mastra (LibSQL file, rememberMessages)`,
      measured: measured === undefined ? 'not measured' : `${round(measured, 3)}x`,
      want: '<= 0.5x',
      met: measured === undefined ? undefined : measured <= 0.5,
    };
  });
}

function vectorRows(records: WorkloadRecord[]): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const config of ['memory', 'pglite']) {
    const weft = find(records, 'weft', config, 'W8');
    const ingest = dataItem(weft, 'ingest');
    const query = dataItem(weft, 'query');
    const full = ingest?.item.startsWith('ingest 10000 ') === true;
    rows.push(
      {
        target: `W8 weft ${config}: ingest 10k x 384${full ? '' : ' (scaled: fewer vectors this run)'}`,
        measured: ingest?.total_s === undefined ? 'not measured' : `${ingest.total_s} s (${ingest.item})`,
        want: '<= 10 s',
        met: ingest?.total_s === undefined || !full ? undefined : ingest.total_s <= 10,
      },
      {
        target: `W8 weft ${config}: query p50 at recall@10 >= 0.95`,
        measured:
          query === undefined
            ? 'not measured'
            : `${cell(query.median_ms, 3)} ms, recall@10 ${cell(query.recall_at_10, 3)}`,
        want: '<= 5 ms, >= 0.95',
        met: query === undefined ? undefined : query.median_ms <= 5 && (query.recall_at_10 ?? 0) >= 0.95,
      },
    );
  }
  return rows;
}

function importRow(cold: ColdStartRecord[]): TargetRow {
  const weft = cold.find((r) => r.engine === 'weft' && r.item.startsWith('import weft'))?.median_ms;
  const mastra = cold.find((r) => r.item === 'import @mastra/core')?.median_ms;
  const node = cold.find((r) => r.item === 'node -e 0')?.median_ms;
  if (weft === undefined || mastra === undefined)
    return {
      target: 'import of the runtime / import @mastra/core',
      measured: 'not measured',
      want: '<= 0.5x',
      met: undefined,
    };
  const raw = weft / mastra;
  const net = node === undefined ? undefined : (weft - node) / (mastra - node);
  return {
    target: 'import of the runtime / import @mastra/core (fresh process; net of `node -e 0` in brackets)',
    measured: `${round(raw, 3)}x${net === undefined ? '' : ` (${round(net, 3)}x)`}`,
    want: '<= 0.5x',
    met: raw <= 0.5,
  };
}

/** The target table of the run. */
export function targetTable(records: WorkloadRecord[], cold: ColdStartRecord[]): string[] {
  const r = (engine: string, config: string, workload: string) => find(records, engine, config, workload);
  const rows: TargetRow[] = [];
  for (const w of ['W1', 'W2']) {
    rows.push(
      ratioRow(
        `${w} weft memory / Mastra in-memory (bare; default)`,
        r('weft', 'memory', w),
        [r('mastra', 'bare', w), r('mastra', 'default', w)],
        'median_ms',
        0.5,
        'at-most',
      ),
      ratioRow(
        `${w} weft pglite / Mastra LibSQL on disk`,
        r('weft', 'pglite', w),
        [r('mastra', 'libsql-file', w)],
        'median_ms',
        0.5,
        'at-most',
      ),
      ratioRow(
        `${w} weft pglite / Mastra in-memory (bare; default)`,
        r('weft', 'pglite', w),
        [r('mastra', 'bare', w), r('mastra', 'default', w)],
        'median_ms',
        2.5,
        'at-most',
      ),
    );
  }
  const peer = fasterPeer(records, 'W3', [
    ['mastra', 'bare'],
    ['mastra', 'default'],
    ['langgraph', 'default'],
  ]);
  rows.push(
    ratioRow(
      `W3 weft memory / the faster peer (${peer === undefined ? '-' : `${peer.engine} ${peer.config}`})`,
      r('weft', 'memory', 'W3'),
      [peer],
      'median_ms',
      0.8,
      'at-most',
    ),
    ratioRow(
      'W4 weft pglite / Mastra LibSQL on disk',
      r('weft', 'pglite', 'W4'),
      [r('mastra', 'libsql-file', 'W4-libsql-file')],
      'median_ms',
      0.7,
      'at-most',
    ),
    ratioRow(
      'W5 weft memory runs/s / Mastra in-memory runs/s (bare; default)',
      r('weft', 'memory', 'W5'),
      [r('mastra', 'bare', 'W5'), r('mastra', 'default', 'W5')],
      'runs_per_s',
      2,
      'at-least',
    ),
    ratioRow(
      'W5 weft memory peak RSS / Mastra peak RSS (bare; default)',
      r('weft', 'memory', 'W5'),
      [r('mastra', 'bare', 'W5'), r('mastra', 'default', 'W5')],
      'peak_rss_mb',
      1,
      'at-most',
    ),
    ratioRow(
      'W5 weft pglite runs/s / Mastra in-memory runs/s (bare; default)',
      r('weft', 'pglite', 'W5'),
      [r('mastra', 'bare', 'W5'), r('mastra', 'default', 'W5')],
      'runs_per_s',
      1,
      'at-least',
    ),
    // The durable engine's own target (issue 3): PGlite, the embedded default, within 2x of
    // in-memory; Postgres is shown as its own row (a server, not the default).
    ...['pglite', 'postgres'].map((durable) =>
      ratioRow(
        `W5 weft ${durable} batch / weft memory batch (durable within 2x of in-memory)`,
        r('weft', durable, 'W5'),
        [r('weft', 'memory', 'W5')],
        'median_ms',
        2,
        'at-most',
      ),
    ),
    importRow(cold),
    ratioRow(
      'W6a weft host req/s / Mastra server req/s',
      r('weft', 'memory', 'W6a'),
      [r('mastra', 'default', 'W6a')],
      'req_per_s',
      3,
      'at-least',
    ),
    ratioRow(
      'W6b weft host req/s / Mastra server req/s',
      r('weft', 'memory', 'W6b'),
      [r('mastra', 'default', 'W6b')],
      'req_per_s',
      2,
      'at-least',
    ),
    ...memoryRows(records),
    ...vectorRows(records),
  );
  const lines = [
    '### Targets',
    '',
    'The first ratio decides; the others (in brackets) are shown for context.',
    '',
    '| target | measured | want | met |',
    '|---|---:|---:|---|',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.target} | ${row.measured} | ${row.want} | ${row.met === undefined ? '-' : row.met ? 'met' : 'NOT met'} |`,
    );
  lines.push('');
  return lines;
}
