import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CommandId } from '../../client/src/commands/ids';
import { defaultSettings } from '../../common/settings';
import { repoRoot } from '../harness/assets';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  displayName: string;
  bin: Record<string, string>;
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
    views?: Record<string, { id: string }[]>;
    viewsContainers?: { activitybar?: { id: string; icon: string }[] };
    viewsWelcome?: { view: string }[];
    menus?: Record<string, { command: string }[]>;
  };
};

describe('contract: package.json', () => {
  it('names the product as specified', () => {
    assert.equal(manifest.name, 'healthcare-iac-compliance');
    assert.equal(manifest.displayName, 'Healthcare IaC Compliance');
    assert.equal(manifest.bin.hciac, 'dist/cli/hciac.js');
  });

  it('contributes exactly the commands the client registers', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(CommandId).sort());
  });

  it('settings are healthcareIac.* and their defaults equal common/settings.ts', () => {
    const props = manifest.contributes.configuration.properties;
    for (const key of Object.keys(props)) assert.match(key, /^healthcareIac\./);
    const fromManifest = Object.fromEntries(Object.entries(props).map(([k, v]) => [k.slice('healthcareIac.'.length), v.default]));
    assert.deepEqual(fromManifest, JSON.parse(JSON.stringify(defaultSettings)));
  });

  it('activation events only name contributed languages and views', () => {
    const views = Object.values(manifest.contributes.views ?? {}).flatMap((list) => list.map((v) => v.id));
    for (const event of manifest.activationEvents) {
      if (event.startsWith('onView:')) assert.ok(views.includes(event.slice('onView:'.length)), `${event} names a contributed view`);
      else assert.match(event, /^(workspaceContains:|onLanguage:(terraform|terraform-vars|yaml)$)/);
    }
  });

  it('menus and views name contributed commands, views and an icon that ships', () => {
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const views = new Set(Object.values(manifest.contributes.views ?? {}).flatMap((list) => list.map((v) => v.id)));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const entry of entries) assert.ok(commands.has(entry.command), `${menu}: ${entry.command} is a contributed command`);
    }
    for (const container of manifest.contributes.viewsContainers?.activitybar ?? []) {
      assert.ok(existsSync(path.join(repoRoot, container.icon)), `${container.icon} exists`);
      assert.ok(Object.keys(manifest.contributes.views ?? {}).includes(container.id), `${container.id} has views`);
    }
    for (const welcome of manifest.contributes.viewsWelcome ?? []) assert.ok(views.has(welcome.view), `${welcome.view} is a contributed view`);
  });
});

/** The layer boundaries of ARCHITECTURE.md, checked on the import specifiers of the sources. */
describe('contract: module boundaries', () => {
  const importsOf = (dir: string): { file: string; spec: string }[] => {
    const out: { file: string; spec: string }[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const full = path.join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts')) {
          for (const m of readFileSync(full, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) out.push({ file: path.relative(repoRoot, full), spec: m[1]! });
        }
      }
    };
    walk(path.join(repoRoot, dir));
    return out;
  };

  for (const layer of ['model', 'rules', 'engine', 'fixes', 'parsing', 'workspace', 'config', 'evidence']) {
    it(`server/src/${layer} imports no LSP or VS Code module`, () => {
      const bad = importsOf(`server/src/${layer}`).filter((i) => /^(vscode|vscode-languageserver|vscode-languageclient)(\/|$)/.test(i.spec));
      assert.deepEqual(bad, []);
    });
  }

  it('rules and the model do no I/O', () => {
    const bad = [...importsOf('server/src/rules'), ...importsOf('server/src/model')].filter((i) => /^(node:)?(fs|net|http|https|child_process|dns)(\/|$)/.test(i.spec));
    assert.deepEqual(bad, []);
  });

  it('the client never imports server code', () => {
    const bad = importsOf('client/src').filter((i) => i.spec.includes('/server/'));
    assert.deepEqual(bad, []);
  });
});
