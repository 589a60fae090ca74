import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, FRAMEWORK_IDS } from '../../common/settings';
import schema from '../../server/src/config/hciac-config.schema.json';
import { repoRoot } from '../harness/assets';

type JsonSchema = { type?: string; enum?: unknown[]; items?: JsonSchema; additionalProperties?: JsonSchema | boolean; properties?: Record<string, JsonSchema>; $ref?: string; minimum?: number };

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, JsonSchema> } } };
const settings = Object.fromEntries(Object.entries(manifest.contributes.configuration.properties).map(([k, v]) => [k.slice('healthcareIac.'.length), v]));
const fileKeys = schema.properties as Record<string, JsonSchema>;

/** The enums a schema allows at each leaf, with `$ref`s to this schema's definitions resolved. */
function enums(s: JsonSchema | boolean | undefined): unknown {
  if (s === undefined || typeof s === 'boolean') return undefined;
  if (s.$ref !== undefined) return enums((schema.definitions as Record<string, JsonSchema>)[s.$ref.split('/').pop()!]);
  return { enum: s.enum, items: enums(s.items), additional: enums(s.additionalProperties), properties: s.properties && Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, enums(v)])) };
}

/** `.hciac.yaml` has "the same keys" as the editor settings (plus `policy`): checked, so they cannot drift. */
describe('contract: .hciac.yaml schema and the healthcareIac.* settings', () => {
  it('the file has every setting key, and only `policy` besides', () => {
    assert.deepEqual(Object.keys(fileKeys).filter((k) => k !== 'policy').sort(), Object.keys(settings).sort());
    assert.deepEqual(Object.keys(settings).sort(), Object.keys(defaultSettings).sort());
  });

  it('each key allows the same types and values in both', () => {
    for (const [key, setting] of Object.entries(settings)) {
      assert.equal(fileKeys[key]!.type, setting.type, key);
      assert.deepEqual(enums(fileKeys[key]), enums(setting), key);
      assert.equal(fileKeys[key]!.minimum, setting.minimum, key);
    }
  });

  it('frameworks are the catalog framework ids, the default among them', () => {
    assert.deepEqual(fileKeys.frameworks!.items!.enum, [...FRAMEWORK_IDS]);
    for (const id of defaultSettings.frameworks) assert.ok((FRAMEWORK_IDS as readonly string[]).includes(id));
  });
});
