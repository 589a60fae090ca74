import { strict as assert } from 'node:assert';
import { renderSummaryHtml, escapeHtml } from '../../../client/src/webviews/summary-html';
import { buildSummary } from '../../../client/src/webviews/summary-model';
import { displayPath, HOSTILE_MESSAGE, snapshot } from './snapshot-fixture';

const NOW = new Date('2026-11-25T12:00:00Z');
const NONCE = 'bm9uY2Utb2YtdGhpcy10ZXN0';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function render(): string {
  return renderSummaryHtml(buildSummary(snapshot(), displayPath, NOW), { nonce: NONCE, cspSource: CSP_SOURCE });
}

describe('client: compliance summary HTML', () => {
  it('declares a strict Content-Security-Policy with the nonce, and every style and script carries it', () => {
    const html = render();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replaceAll('&#39;', "'");
    assert.equal(csp, `default-src 'none'; style-src ${CSP_SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}';`);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    const styles = [...html.matchAll(/<style\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="${NONCE}">`]);
    assert.deepEqual(styles, [`<style nonce="${NONCE}">`]);
    assert.doesNotMatch(html, /\sstyle="/, 'no inline style attributes (the CSP would block them)');
    assert.doesNotMatch(html, /\son[a-z]+="/i, 'no inline event handlers');
  });

  it('loads nothing remote: no http(s) URL apart from the CSP source given by VS Code', () => {
    const html = render().replaceAll(CSP_SOURCE, '');
    assert.deepEqual(html.match(/https?:\/\/[^\s"'<>]*/gi), null);
    const withoutValues = html.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(withoutValues, /<[^>]*\s(src|href)=/i, 'no element with a resource attribute');
  });

  it('escapes file names and messages from the workspace (no markup injection)', () => {
    const html = render();
    assert.ok(!html.includes('<img'), 'the hostile file name is not markup');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;.tf'), 'the hostile file name is shown as text');
    assert.ok(!html.includes(HOSTILE_MESSAGE));
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    // The URI travels in a data attribute, quoted and escaped, so it cannot close the attribute.
    assert.match(html, /data-uri="file:\/\/\/ws\/%3Cimg%20src%3Dx%20onerror%3Dalert\(1\)%3E\/&lt;img src=x onerror=alert\(1\)&gt;\.tf"/);
  });

  it('gives every table a caption and every section a heading', () => {
    const html = render();
    const tables = html.match(/<table>/g)?.length ?? 0;
    assert.ok(tables >= 6, `coverage, top controls, top rules, suppressions, top files, one per framework (${tables})`);
    assert.equal(html.match(/<table>\n<caption>[^<]+<\/caption>/g)?.length, tables);
    for (const m of html.matchAll(/<section aria-labelledby="([^"]+)">\n<h2 id="([^"]+)">/g)) assert.equal(m[1], m[2]);
    assert.equal(html.match(/<section /g)?.length, html.match(/<section aria-labelledby="[^"]+">\n<h2 id=/g)?.length);
  });

  it('draws coverage per framework as an SVG with a text equivalent', () => {
    const html = render();
    assert.match(html, /<figcaption id="chart-hipaa"><strong>HIPAA Security Rule<\/strong>: 2 controls — 1 violated, 0 suppressed, 1 cannot determine, 0 satisfied, 0 not evaluated<\/figcaption>/);
    assert.match(html, /<svg class="bar" role="img" aria-labelledby="chart-hipaa"[^>]*><rect class="s-violated" x="0\.000" y="0" width="50\.000" height="10"><\/rect><rect class="s-unknown" x="50\.000" y="0" width="50\.000"/);
  });

  it('lists suppressions with reason, expiry and origin, marking expired ones', () => {
    const html = render();
    assert.match(html, /<tr class="expired"><td><button[^>]*data-uri="file:\/\/\/ws\/rds\.tf" data-line="9">rds\.tf:10<\/button><\/td><td>.*rds-encrypted.*<\/td><td><code>aws_db_instance\.r9<\/code><\/td><td>legacy replica, migrating in Q1<\/td><td>2000-01-31 \(expired\)<\/td><td>hciac<\/td><\/tr>/);
  });

  it('offers actions only as buttons with data attributes (keyboard reachable, validated by the extension)', () => {
    const html = render();
    for (const m of html.matchAll(/data-action="([^"]+)"/g)) assert.ok(['refresh', 'openFile', 'explainControl', 'openRuleDoc'].includes(m[1]!), m[1]);
    assert.ok(!/<a\b/.test(html), 'no links');
  });
});
