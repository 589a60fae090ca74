import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allControls, catalogChecks } from '../../../server/src/rules/catalog';
import { allRules } from '../../../server/src/rules';
import type { Rule } from '../../../server/src/rules/types';
import { repoRoot } from '../../harness/assets';

/**
 * Keeps rules, their docs, the registry, their tests and the shipped catalog in step. A rule that
 * is added without docs or tests, registered twice, left out of the registry, or whose docs drift
 * from the catalog fails here, with the file to fix in the message.
 */

const RULE_PLATFORMS = ['terraform', 'kubernetes'] as const;
const checkIds = new Set(catalogChecks().map((c) => c.id));

function rel(file: string): string {
  return path.relative(repoRoot, file).split(path.sep).join('/');
}

function docPath(rule: Rule): string {
  return path.join(repoRoot, 'docs', 'rules', `${rule.id}.md`);
}

/** The text of a `## <title>` section, up to the next H2 (or the end). */
function section(markdown: string, title: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && /^##\s/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The control ids of a `| Control | Framework | Mapping basis |` table: the first cell of each body row (the backticked id when present). */
function tableControlIds(body: string): string[] {
  const rows = body.split('\n').filter((l) => l.trim().startsWith('|'));
  const ids: string[] = [];
  for (const row of rows.slice(2)) {
    const first = row.trim().replace(/^\|/, '').split('|')[0]!.trim();
    const ticked = /`([^`]+)`/.exec(first);
    ids.push(ticked ? ticked[1]! : first);
  }
  return ids;
}

describe('catalog, registry, docs and tests are in step', () => {
  it('rule ids are unique', () => {
    const seen = new Set<string>();
    const duplicates = allRules.map((r) => r.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    assert.deepEqual(duplicates, [], 'rules registered more than once in server/src/rules/{terraform,kubernetes}/index.ts');
  });

  for (const rule of allRules) {
    describe(`rule ${rule.id}`, () => {
      it('is a check of the shipped catalog, for its platform', () => {
        assert.ok(checkIds.has(rule.id), `${rule.id} is not a check id of server/src/catalog/checks.json`);
        assert.ok(RULE_PLATFORMS.includes(rule.platform), `unknown platform ${rule.platform}`);
        const catalogPlatform = rule.meta.platform;
        assert.ok(
          rule.platform === 'kubernetes' ? catalogPlatform === 'kubernetes' : catalogPlatform.startsWith('terraform-'),
          `${rule.id}: rule platform ${rule.platform} does not match catalog platform ${catalogPlatform}`,
        );
      });

      it(`has docs/rules/${rule.id}.md whose H1 is the catalog title and whose Controls table lists the catalog controls`, () => {
        const file = docPath(rule);
        assert.ok(existsSync(file), `missing ${rel(file)}`);
        const markdown = readFileSync(file, 'utf8');
        const h1 = markdown.split(/\r?\n/).find((l) => /^#\s/.test(l));
        assert.equal(h1?.replace(/^#\s+/, '').trim(), rule.meta.title, `${rel(file)}: the H1 must equal the catalog title`);
        const header = markdown.split(/\r?\n/).find((l) => l.startsWith(`\`${rule.id}\``));
        assert.ok(header !== undefined, `${rel(file)}: missing the \`${rule.id}\` · severity: … line`);
        assert.ok(header.includes(`severity: ${rule.meta.severity}`), `${rel(file)}: severity line must say severity: ${rule.meta.severity}`);
        const controls = section(markdown, 'Controls');
        assert.ok(controls !== undefined, `${rel(file)}: missing the "## Controls" section`);
        const listed = tableControlIds(controls);
        assert.deepEqual(
          [...listed].sort(),
          rule.meta.controls.map((c) => c.id).sort(),
          `${rel(file)}: the Controls table must list exactly the catalog's control ids`,
        );
      });

      it(`has test/unit/rules/${rule.platform}/${rule.id}.test.ts`, () => {
        const test = path.join(repoRoot, 'test', 'unit', 'rules', rule.platform, `${rule.id}.test.ts`);
        assert.ok(existsSync(test), `missing ${rel(test)} (mirror of server/src/rules/${rule.platform}/${rule.id}.ts)`);
        const source = path.join(repoRoot, 'server', 'src', 'rules', rule.platform, `${rule.id}.ts`);
        assert.ok(existsSync(source), `rule ${rule.id} must live in ${rel(source)}`);
      });
    });
  }

  for (const platform of RULE_PLATFORMS) {
    it(`registers every rule file of server/src/rules/${platform}/`, () => {
      const dir = path.join(repoRoot, 'server', 'src', 'rules', platform);
      // Rule files are named after their catalog check id; anything else (index.ts, values.ts, containers.ts, …) is a helper.
      const ruleFiles = readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .map((f) => f.slice(0, -'.ts'.length))
        .filter((id) => checkIds.has(id));
      const registered = new Map(allRules.filter((r) => r.platform === platform).map((r) => [r.id, r]));
      const missing = ruleFiles.filter((id) => !registered.has(id));
      assert.deepEqual(missing, [], `rule files not registered in server/src/rules/${platform}/index.ts`);
      for (const id of ruleFiles) {
        // The registered object must be that file's default export (compiled next to this test's sources).
        const mod = require(path.join(__dirname, '..', '..', '..', 'server', 'src', 'rules', platform, id)) as { default?: Rule };
        assert.equal(mod.default, registered.get(id), `server/src/rules/${platform}/${id}.ts must default-export the registered rule`);
      }
      const elsewhere = [...registered.keys()].filter((id) => !ruleFiles.includes(id));
      assert.deepEqual(elsewhere, [], `rules registered as ${platform} without a file server/src/rules/${platform}/<id>.ts`);
    });
  }

  it('every control id cited by a catalog check exists in controls.json', () => {
    const known = new Set(allControls().map((c) => c.id));
    const unknown = catalogChecks().flatMap((check) => check.controls.filter((c) => !known.has(c.id)).map((c) => `${check.id}: ${c.id}`));
    assert.deepEqual(unknown, []);
  });

  it('every control cited by a catalog check has the framework controls.json gives it', () => {
    const framework = new Map(allControls().map((c) => [c.id, c.framework]));
    const wrong = catalogChecks().flatMap((check) =>
      check.controls.filter((c) => framework.has(c.id) && framework.get(c.id) !== c.framework).map((c) => `${check.id}: ${c.id} (${c.framework} ≠ ${framework.get(c.id)})`),
    );
    assert.deepEqual(wrong, []);
  });
});

interface CatalogImporter {
  convert(sharedDir: string): Record<'checks' | 'controls', unknown>;
  serialize(data: unknown): string;
}

// The tests compile to CommonJS, where TypeScript would turn `import()` into `require()`; an ES
// module script needs a real dynamic import.
const dynamicImport = new Function('p', 'return import(p)') as (specifier: string) => Promise<unknown>;

describe('shipped catalog data', () => {
  const shared = path.resolve(repoRoot, '..', 'shared');

  it('server/src/catalog/{checks,controls}.json equal what scripts/import-catalog.mjs makes of ../shared/catalog', async function () {
    if (!existsSync(shared)) {
      console.log(`    ../shared is absent (${shared}): skipping the check that the shipped catalog JSON matches ../shared/catalog/*.yaml`);
      this.skip();
    }
    const importer = (await dynamicImport(pathToFileURL(path.join(repoRoot, 'scripts', 'import-catalog.mjs')).href)) as CatalogImporter;
    const data = importer.convert(shared);
    for (const name of ['checks', 'controls'] as const) {
      const file = path.join(repoRoot, 'server', 'src', 'catalog', `${name}.json`);
      const committed = readFileSync(file, 'utf8');
      const expected = importer.serialize(data[name]);
      const hint = `${rel(file)} is stale: run \`node scripts/import-catalog.mjs\` and commit the result`;
      assert.deepStrictEqual(JSON.parse(committed), JSON.parse(expected), hint);
      assert.equal(committed, expected, `${hint} (formatting differs)`);
    }
  });
});
