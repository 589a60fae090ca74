import { SHOWN_STATUSES, STATUS_LABEL, type ShownStatus } from '../compliance/outcomes';
import type { ControlRow, FrameworkCoverage, SummaryData } from './summary-model';

export interface SummaryPageOptions {
  /** Fresh per render, from a cryptographic source (crypto.randomBytes). */
  readonly nonce: string;
  /** `webview.cspSource`: the only origin styles may come from besides the nonce'd block. */
  readonly cspSource: string;
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The Content-Security-Policy of the page: nothing is allowed but the nonce'd style and script. */
export function contentSecurityPolicy(options: SummaryPageOptions): string {
  return `default-src 'none'; style-src ${options.cspSource} 'nonce-${options.nonce}'; script-src 'nonce-${options.nonce}';`;
}

/**
 * The compliance summary as one HTML page: coverage chart and table per framework, the top violated
 * controls and rules, suppressions, the files with the most findings, and every control's status.
 * Pure: data in, HTML out. Every value from the workspace or the catalog is escaped; the page loads
 * nothing (inline style and script carry the nonce) and talks to the extension only through the
 * messages of summary-messages.ts.
 */
export function renderSummaryHtml(data: SummaryData, options: SummaryPageOptions): string {
  const n = escapeHtml(options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Compliance Summary</title>
<style nonce="${n}">${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>Healthcare compliance summary</h1>
<p>${data.totals.files} files analysed · ${data.totals.findings} findings · ${data.totals.suppressions} suppressions · ${data.totals.unknown} evaluations that cannot be determined statically</p>
<p class="meta">Generated ${escapeHtml(data.generatedAt)} · hciac ${escapeHtml(data.productVersion)} · catalog ${escapeHtml(data.catalogVersion)}
<button type="button" data-action="refresh">Refresh</button></p>
</header>
${coverageSection(data.frameworks)}
${topControlsSection(data.topControls)}
${topRulesSection(data)}
${suppressionsSection(data)}
${topFilesSection(data)}
${allControlsSection(data)}
</main>
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>`;
}

function section(id: string, title: string, body: string): string {
  return `<section aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function table(caption: string, headers: readonly string[], rows: readonly string[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function statusCell(status: ShownStatus): string {
  return `<td><span class="dot s-${status}" aria-hidden="true"></span>${escapeHtml(STATUS_LABEL[status])}</td>`;
}

function controlButton(c: Pick<ControlRow, 'id' | 'label' | 'title'>): string {
  return `<button type="button" class="link" data-action="explainControl" data-control="${escapeHtml(c.id)}" title="Explain this control">${escapeHtml(c.label)}</button> ${escapeHtml(c.title)}`;
}

function fileButton(uri: string, path: string, line?: number): string {
  const shown = line === undefined ? path : `${path}:${line}`;
  return `<button type="button" class="link" data-action="openFile" data-uri="${escapeHtml(uri)}" data-line="${line === undefined ? 0 : line - 1}">${escapeHtml(shown)}</button>`;
}

function ruleButton(id: string): string {
  return `<button type="button" class="link" data-action="openRuleDoc" data-rule="${escapeHtml(id)}" title="Open the rule documentation"><code>${escapeHtml(id)}</code></button>`;
}

/** One stacked bar per framework (SVG rects sized by attributes: no inline style under the CSP), values in text. */
function coverageChart(f: FrameworkCoverage): string {
  const described = SHOWN_STATUSES.map((s) => `${f.counts[s]} ${STATUS_LABEL[s]}`).join(', ');
  let x = 0;
  const rects = SHOWN_STATUSES.filter((s) => f.counts[s] > 0)
    .map((s) => {
      const width = f.total === 0 ? 0 : (f.counts[s] / f.total) * 100;
      const rect = `<rect class="s-${s}" x="${x.toFixed(3)}" y="0" width="${width.toFixed(3)}" height="10"></rect>`;
      x += width;
      return rect;
    })
    .join('');
  const id = `chart-${escapeHtml(f.id)}`;
  return `<figure>
<figcaption id="${id}"><strong>${escapeHtml(f.name)}</strong>: ${f.total} controls — ${escapeHtml(described)}</figcaption>
<svg class="bar" role="img" aria-labelledby="${id}" viewBox="0 0 100 10" preserveAspectRatio="none">${rects}</svg>
</figure>`;
}

function coverageSection(frameworks: readonly FrameworkCoverage[]): string {
  const legend = `<ul class="legend" aria-label="Legend">${SHOWN_STATUSES.map((s) => `<li><span class="dot s-${s}" aria-hidden="true"></span>${escapeHtml(STATUS_LABEL[s])}</li>`).join('')}</ul>`;
  const rows = frameworks.map((f) => `<tr><th scope="row">${escapeHtml(f.name)}</th>${SHOWN_STATUSES.map((s) => `<td class="num">${f.counts[s]}</td>`).join('')}<td class="num">${f.total}</td></tr>`);
  return section(
    'coverage',
    'Coverage per framework',
    `${frameworks.map(coverageChart).join('\n')}\n${legend}\n${table('Controls of each enabled framework by workspace status', ['Framework', ...SHOWN_STATUSES.map((s) => STATUS_LABEL[s]), 'Total'], rows, 'No framework is enabled.')}`,
  );
}

function topControlsSection(rows: readonly ControlRow[]): string {
  return section(
    'top-controls',
    'Most violated controls',
    table(
      'Controls violated in the most files',
      ['Control', 'Files violating', 'Findings', 'Files satisfying'],
      rows.map((c) => `<tr><td>${controlButton(c)}</td><td class="num">${c.files.violated}</td><td class="num">${c.findings}</td><td class="num">${c.files.satisfied}</td></tr>`),
      'No control is violated.',
    ),
  );
}

function topRulesSection(data: SummaryData): string {
  return section(
    'top-rules',
    'Rules with the most findings',
    table(
      'Rules with the most findings',
      ['Rule', 'Title', 'Severity', 'Findings', 'Files'],
      data.topRules.map((r) => `<tr><td>${ruleButton(r.id)}</td><td>${escapeHtml(r.title)}</td><td>${escapeHtml(r.severity)}</td><td class="num">${r.findings}</td><td class="num">${r.files}</td></tr>`),
      'No findings.',
    ),
  );
}

function suppressionsSection(data: SummaryData): string {
  return section(
    'suppressions',
    'Suppressions',
    table(
      'Accepted exceptions with their justification and expiry',
      ['Location', 'Rule', 'Resource', 'Reason', 'Expires', 'Origin'],
      data.suppressions.map(
        (s) =>
          `<tr${s.expired ? ' class="expired"' : ''}><td>${fileButton(s.uri, s.path, s.line)}</td><td>${ruleButton(s.ruleId)}</td><td><code>${escapeHtml(s.resource)}</code></td><td>${escapeHtml(s.reason)}</td><td>${s.expires === undefined ? 'no expiry' : `${escapeHtml(s.expires)}${s.expired ? ' (expired)' : ''}`}</td><td>${escapeHtml(s.origin)}</td></tr>`,
      ),
      'No suppressions.',
    ),
  );
}

function topFilesSection(data: SummaryData): string {
  return section(
    'top-files',
    'Files with the most findings',
    table(
      'Files with the most findings',
      ['File', 'Findings', 'Violated controls'],
      data.topFiles.map((f) => `<tr><td>${fileButton(f.uri, f.path)}</td><td class="num">${f.findings}</td><td class="num">${f.violatedControls}</td></tr>`),
      'No file has findings.',
    ),
  );
}

function allControlsSection(data: SummaryData): string {
  const tables = data.frameworks.map((f) =>
    table(
      `${f.name}: status of each control over the workspace (files per status)`,
      ['Control', 'Status', 'Files violating', 'Files suppressed', 'Files cannot determine', 'Files satisfying'],
      data.controls
        .filter((c) => c.framework === f.id)
        .map((c) => `<tr><td>${controlButton(c)}</td>${statusCell(c.status)}<td class="num">${c.files.violated}</td><td class="num">${c.files.suppressed}</td><td class="num">${c.files.unknown}</td><td class="num">${c.files.satisfied}</td></tr>`),
      `${f.name} has no control.`,
    ),
  );
  return section('controls', 'Every control', tables.join('\n'));
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1.5em 2em; line-height: 1.45; }
h1 { font-size: 1.5em; font-weight: 600; }
h2 { font-size: 1.2em; font-weight: 600; margin-top: 2em; border-bottom: 1px solid var(--vscode-panel-border, transparent); padding-bottom: .2em; }
.meta { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin: .5em 0 1.5em; min-width: 60%; }
caption { text-align: left; font-weight: 600; padding: .3em 0; color: var(--vscode-descriptionForeground); }
th, td { text-align: left; padding: .25em .8em .25em 0; border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.expired td { color: var(--vscode-errorForeground); }
figure { margin: .8em 0; }
svg.bar { display: block; width: 100%; max-width: 48em; height: 1.2em; border: 1px solid var(--vscode-widget-border, var(--vscode-contrastBorder, transparent)); }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1.2em; }
.dot { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .4em; vertical-align: -.05em; }
.s-violated { fill: var(--vscode-charts-red); background: var(--vscode-charts-red); }
.s-suppressed { fill: var(--vscode-charts-purple); background: var(--vscode-charts-purple); }
.s-unknown { fill: var(--vscode-charts-yellow); background: var(--vscode-charts-yellow); }
.s-satisfied { fill: var(--vscode-charts-green); background: var(--vscode-charts-green); }
.s-not-evaluated { fill: var(--vscode-charts-lines); background: var(--vscode-charts-lines); }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: .15em .8em; margin-left: .8em; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.link { color: var(--vscode-textLink-foreground); background: none; border: none; padding: 0; margin: 0; text-align: left; text-decoration: underline; }
button.link:hover { color: var(--vscode-textLink-activeForeground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
code { font-family: var(--vscode-editor-font-family); }
.empty { color: var(--vscode-descriptionForeground); }
`;

/** Buttons carry their message in data attributes (the extension validates whatever arrives); the scroll position survives re-renders. */
const SCRIPT = `
const vscode = acquireVsCodeApi();
const state = vscode.getState();
if (state && typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
window.addEventListener('scroll', () => vscode.setState({ scrollY: window.scrollY }), { passive: true });
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (button === null) return;
  const d = button.dataset;
  switch (d.action) {
    case 'refresh': vscode.postMessage({ type: 'refresh' }); break;
    case 'openFile': vscode.postMessage({ type: 'openFile', uri: d.uri, line: Number(d.line) }); break;
    case 'explainControl': vscode.postMessage({ type: 'explainControl', controlId: d.control }); break;
    case 'openRuleDoc': vscode.postMessage({ type: 'openRuleDoc', ruleId: d.rule }); break;
  }
});
`;
