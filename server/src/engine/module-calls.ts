import * as path from 'node:path';
import type { Span } from '../model/span';
import { evaluateCached, UNKNOWN, type Resolved } from '../model/terraform/evaluate';
import { expandInstances, type ResourceInstance } from '../model/terraform/instances';
import { MODULE_META_ARGUMENTS, moduleCalls, type ModuleCall } from '../model/terraform/module-calls';
import { TfModule, type ModuleInput } from '../model/terraform/module';
import type { TfFile } from '../model/terraform/types';
import { originRelated } from '../rules/terraform/values';
import type { Related } from '../rules/types';
import { analyzeTerraform, type RuleErrorHandler } from './analyze';
import type { AnalysisNote, Evaluation, Finding } from './finding';
import { mergeInstanceRuns, type InstanceRun } from './instance-merge';
import type { RuleSet } from './rule-set';

/** The Terraform files of a module directory, as the workspace holds them. */
export interface ModuleDirectory {
  readonly dir: string;
  readonly files: readonly { readonly file: TfFile; readonly text: string }[];
  /** The directory analysed on its own (root-module semantics: tfvars, then defaults). */
  readonly standalone: TfModule;
}

/** How the engine finds the directory of a local module source; the workspace layer implements it. */
export interface ModuleResolver {
  /** The directory `sourcePath` (`./modules/db`) points at from `callerDir`, and its files when any are known. */
  resolve(callerDir: string, sourcePath: string): { readonly dir: string; readonly directory: ModuleDirectory | undefined };
  /** The directory as it is now (its `standalone` module is a new object after any change in it). */
  directory(dir: string): ModuleDirectory | undefined;
}

export interface ModuleCallAnalysis {
  readonly findings: Finding[];
  readonly evaluations: Evaluation[];
  readonly notes: AnalysisNote[];
  /** Every module directory the result depends on (followed calls, at every depth, found or not). */
  readonly dependencies: ReadonlySet<string>;
}

/** Calls nested deeper than this are not followed (a chain of local modules is rarely longer). */
const MAX_MODULE_DEPTH = 6;

/**
 * Follows the local module calls of one file. Each call's child directory is analysed as an
 * instance whose variables take the call's statically known inputs (`TfModule.instantiation`).
 * The child's findings that this call causes — those the child analysed on its own does not have,
 * and those whose value comes from one of the call's inputs — are reported in the calling file: at
 * the input they depend on, else at the `module` block header, prefixed with the instance address
 * (`module.db: …`) and with the child's location as related information. Findings the child has
 * anyway are shown in the child's own files only. Evaluations of every resource of the instance are
 * recorded at the call (`module.db.aws_db_instance.this`), the evidence for that instance.
 *
 * A remote `source` (registry, git, http, s3, …) is never fetched: the call gets one information
 * note. A local source with no Terraform files in the workspace gets one note too.
 */
export function analyzeModuleCalls(file: TfFile, module: TfModule, rules: RuleSet, onError: RuleErrorHandler, resolver: ModuleResolver): ModuleCallAnalysis {
  const dependencies = new Set<string>();
  const out: ModuleCallAnalysis = { findings: [], evaluations: [], notes: [], dependencies };
  const session = new CallSession(rules, onError, resolver, dependencies);
  for (const call of moduleCalls(file)) {
    if (call.source.kind === 'remote') {
      out.notes.push({
        code: 'remote-module-source',
        span: call.block.headerSpan,
        message: `module "${call.name}" is not analysed: its source "${call.source.address}" is a remote module, and remote module sources are not fetched (offline).`,
      });
      continue;
    }
    if (call.source.kind !== 'local') continue;
    const { directory } = session.resolve(module.dir, call.source.path);
    if (directory === undefined) {
      out.notes.push({
        code: 'module-source-missing',
        span: call.block.headerSpan,
        message: `module "${call.name}" is not analysed: its source "${call.source.path}" has no Terraform files in the workspace.`,
      });
      continue;
    }
    const instances = session.callInstances(file.uri, module, call, directory, [module.dir]);
    report(file.uri, call, instances, out);
  }
  return out;
}

/** What one instance of a call produces that the child analysed on its own does not show. */
interface CallInstance {
  /** `[0]`, `["prod"]`; undefined for a call without (known, used) count/for_each. */
  readonly key: string | undefined;
  readonly address: string;
  /** In the form of the child: uri and span where the rule reported, resource relative to the child. */
  readonly findings: readonly Finding[];
  readonly evaluations: readonly Evaluation[];
}

/** A result computed from some module directories, valid while none of them changed. */
interface Memo<T> {
  readonly value: T;
  /** Each directory the result read, with its version (its standalone module; undefined: no files). */
  readonly versions: ReadonlyMap<string, TfModule | undefined>;
}

type DirectoryResult = { readonly findings: readonly Finding[]; readonly evaluations: readonly Evaluation[] };

/**
 * Results survive across analyses (typing in a calling file must not re-analyse every module it
 * calls): standalone results per directory version, instance results per directory version and
 * call (address and input values, spans relative to the `module` block). Keyed weakly by the rule
 * set and the child's module version, so a change in either drops them.
 */
const standaloneMemo = new WeakMap<RuleSet, WeakMap<TfModule, Memo<DirectoryResult>>>();
const instanceMemo = new WeakMap<RuleSet, WeakMap<TfModule, Map<string, Memo<DirectoryResult> & { readonly blockStart: number }>>>();
/** Distinct calls remembered per child module version (older ones are dropped first). */
const MAX_INSTANCES_PER_MODULE = 64;

class CallSession {
  /** The directories read by each result being computed (innermost last). */
  private readonly recording: Map<string, TfModule | undefined>[] = [];

  constructor(
    private readonly rules: RuleSet,
    private readonly onError: RuleErrorHandler,
    private readonly resolver: ModuleResolver,
    private readonly dependencies: Set<string>,
  ) {}

  resolve(callerDir: string, sourcePath: string): { dir: string; directory: ModuleDirectory | undefined } {
    const resolved = this.resolver.resolve(callerDir, sourcePath);
    this.read(resolved.dir, resolved.directory?.standalone);
    return resolved;
  }

  private read(dir: string, version: TfModule | undefined): void {
    this.dependencies.add(dir);
    for (const r of this.recording) r.set(dir, version);
  }

  /** Computes a result while recording the directories it reads. */
  private recorded<T>(compute: () => T): Memo<T> {
    const versions = new Map<string, TfModule | undefined>();
    this.recording.push(versions);
    try {
      return { value: compute(), versions };
    } finally {
      this.recording.pop();
    }
  }

  /** A remembered result, when every directory it read is unchanged (then they are read again). */
  private valid<T extends Memo<unknown>>(memo: T | undefined): T | undefined {
    if (memo === undefined) return undefined;
    for (const [dir, version] of memo.versions) if (this.resolver.directory(dir)?.standalone !== version) return undefined;
    for (const [dir, version] of memo.versions) this.read(dir, version);
    return memo;
  }

  /** The instances of one call with the findings the call causes (child form). */
  callInstances(callerUri: string, caller: TfModule, call: ModuleCall, directory: ModuleDirectory, stack: readonly string[]): CallInstance[] {
    if (stack.includes(directory.dir) || stack.length > MAX_MODULE_DEPTH) return [];
    const address = `${caller.instantiation !== undefined ? `${caller.instantiation.address}.` : ''}module.${call.name}`;
    const expansion = expandInstances({ uri: callerUri, node: call.block }, `module.${call.name}`, caller);
    if (expansion.kind === 'none') return [];
    const instances: readonly (ResourceInstance | undefined)[] = expansion.kind === 'instances' ? expansion.instances : [undefined];
    const standalone = this.standaloneResult(directory, [...stack, directory.dir]);
    const anyway = new Set(standalone.findings.map(findingKey));
    return instances.map((instance) => {
      const inputs = new Map<string, ModuleInput>();
      for (const [name, attr] of call.block.attributes) {
        if (!MODULE_META_ARGUMENTS.has(name)) inputs.set(name, { value: evaluateCached(attr.expr, caller, instance), at: { uri: callerUri, span: attr.span } });
      }
      const instanceAddress = `${address}${instance?.key ?? ''}`;
      const result = this.instanceResult(callerUri, call.block.span.start, instanceAddress, inputs, directory, [...stack, directory.dir]);
      const causedByCall = (f: Finding): boolean => !anyway.has(findingKey(f)) || inputSpan(f, callerUri, call.block.span) !== undefined;
      const findings = result.findings.filter(causedByCall).map((f) => withUpstreamOrigin(f, callerUri, call.block.span, inputs));
      return { key: instance?.key, address: instanceAddress, findings, evaluations: result.evaluations };
    });
  }

  private standaloneResult(directory: ModuleDirectory, stack: readonly string[]): DirectoryResult {
    let perModule = standaloneMemo.get(this.rules);
    if (perModule === undefined) standaloneMemo.set(this.rules, (perModule = new WeakMap()));
    const memo = this.valid(perModule.get(directory.standalone)) ?? this.recorded(() => this.analyzeDirectory(directory, directory.standalone, stack));
    perModule.set(directory.standalone, memo);
    return memo.value;
  }

  /**
   * The child directory under one call's inputs. Remembered by address and input values with spans
   * relative to the `module` block, so a call that only moved (typing above it) is not re-analysed:
   * the spans in the calling file are shifted instead.
   */
  private instanceResult(callerUri: string, blockStart: number, address: string, inputs: ReadonlyMap<string, ModuleInput>, directory: ModuleDirectory, stack: readonly string[]): DirectoryResult {
    let perRules = instanceMemo.get(this.rules);
    if (perRules === undefined) instanceMemo.set(this.rules, (perRules = new WeakMap()));
    let perModule = perRules.get(directory.standalone);
    if (perModule === undefined) perRules.set(directory.standalone, (perModule = new Map()));
    const key = JSON.stringify([callerUri, address, [...inputs].map(([name, input]) => [name, inputKey(input.value), input.at.span.start - blockStart, input.at.span.end - blockStart])]);
    const cached = this.valid(perModule.get(key));
    if (cached !== undefined) return shiftCallerSpans(cached.value, callerUri, blockStart - cached.blockStart);
    const child = new TfModule(directory.dir, directory.files.map((f) => f.file), { address, inputs });
    const memo = { ...this.recorded(() => this.analyzeDirectory(directory, child, stack)), blockStart };
    perModule.delete(key);
    perModule.set(key, memo);
    if (perModule.size > MAX_INSTANCES_PER_MODULE) perModule.delete(perModule.keys().next().value!);
    return memo.value;
  }

  /** Every file of a directory under one module (standalone or an instance), its own calls followed. */
  private analyzeDirectory(directory: ModuleDirectory, module: TfModule, stack: readonly string[]): DirectoryResult {
    this.read(directory.dir, directory.standalone);
    const findings: Finding[] = [];
    const evaluations: Evaluation[] = [];
    for (const { file, text } of directory.files) {
      const own = analyzeTerraform(file, module, text, this.rules, this.onError);
      findings.push(...own.findings);
      evaluations.push(...own.evaluations);
      for (const call of moduleCalls(file)) {
        if (call.source.kind !== 'local') continue;
        const nested = this.resolve(directory.dir, call.source.path).directory;
        if (nested === undefined) continue;
        for (const instance of this.callInstances(file.uri, module, call, nested, stack)) {
          const prefix = `module.${call.name}${instance.key ?? ''}.`;
          findings.push(...instance.findings.map((f) => ({ ...f, resource: prefix + f.resource })));
          evaluations.push(...instance.evaluations.map((e) => ({ ...e, resource: prefix + e.resource })));
        }
      }
    }
    return { findings, evaluations };
  }
}

/** An input's value as a memo key (the child sees the value, and the input's own location as its origin). */
function inputKey(value: Resolved): string {
  if (!value.known) return '?';
  return JSON.stringify(value.value, (_k, v: unknown) => (v === UNKNOWN ? { unknown: true } : v));
}

/** A remembered result for a `module` block that moved by `delta` characters in the calling file. */
function shiftCallerSpans(result: DirectoryResult, callerUri: string, delta: number): DirectoryResult {
  if (delta === 0) return result;
  const shift = (span: Span): Span => ({ start: span.start + delta, end: span.end + delta });
  return {
    findings: result.findings.map((f) => (f.related.some((r) => r.uri === callerUri) ? { ...f, related: f.related.map((r) => (r.uri === callerUri ? { ...r, span: shift(r.span) } : r)) } : f)),
    evaluations: result.evaluations,
  };
}

/** Findings of the same rule at the same place about the same resource are the same finding. */
function findingKey(f: Finding): string {
  return `${f.ruleId}|${f.uri}|${f.span.start}:${f.span.end}|${f.messageId}|${f.resource}`;
}

/** The call's input a finding's value comes from (its related location inside the `module` block). */
function inputSpan(f: Finding, callerUri: string, block: Span): Span | undefined {
  return f.related.find((r) => r.uri === callerUri && within(r.span, block))?.span;
}

/**
 * When a finding depends on an input whose own value came from elsewhere (`encrypted = var.db_enc`,
 * set by the caller's caller), that place is added as related information, so that a call several
 * levels up can point at its own input.
 */
function withUpstreamOrigin(f: Finding, callerUri: string, block: Span, inputs: ReadonlyMap<string, ModuleInput>): Finding {
  const span = inputSpan(f, callerUri, block);
  if (span === undefined) return f;
  const input = [...inputs.values()].find((i) => i.at.span.start === span.start && i.at.span.end === span.end);
  const upstream = input === undefined ? [] : originRelated(input.value).filter((o) => !f.related.some((r) => r.uri === o.uri && r.span.start === o.span.start));
  return upstream.length === 0 ? f : { ...f, related: [...f.related, ...upstream] };
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Puts the findings of a call's instances into the calling file: merged across instances, at the input or the block header. */
function report(callerUri: string, call: ModuleCall, instances: readonly CallInstance[], out: ModuleCallAnalysis): void {
  const block = call.block;
  const base = `module.${call.name}`;
  const runs: InstanceRun<Finding>[] = instances.map((i) => ({ key: i.key ?? '', items: i.findings, status: i.findings.length > 0 ? 'fail' : 'pass' }));
  const perInstance = instances.some((i) => i.key !== undefined);
  for (const merged of mergeInstanceRuns(runs, findingKey)) {
    const f = merged.item;
    const at = inputSpan(f, callerUri, block.span);
    const who = merged.all ? base : merged.keys.map((k) => `${base}${k}`).join(', ');
    const related: Related[] = [
      { uri: f.uri, span: f.span, message: `${f.resource} in ${displayPath(callerUri, f.uri)}` },
      ...f.related.filter((r) => !(r.uri === callerUri && within(r.span, block.span))),
    ];
    const { fix: _fix, ...rest } = f; // a fix would edit the child module, which other callers share
    out.findings.push({
      ...rest,
      message: `${who}: ${f.message}`,
      uri: callerUri,
      span: at ?? block.headerSpan,
      related,
      resource: `${base}.${f.resource}`,
      extent: block.span,
      ...(perInstance ? { instances: merged.keys } : {}),
    });
  }
  for (const instance of instances) {
    for (const e of instance.evaluations) {
      out.evaluations.push({ ...e, uri: callerUri, span: block.headerSpan, resource: `${instance.address}.${e.resource}` });
    }
  }
}

/** `modules/db/main.tf` relative to the calling file's directory (`../shared/db/main.tf`), for messages. */
function displayPath(fromUri: string, toUri: string): string {
  const decode = (u: string): string => {
    try {
      return decodeURIComponent(u.replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, ''));
    } catch {
      return u;
    }
  };
  return path.posix.relative(path.posix.dirname(decode(fromUri)), decode(toUri)) || path.posix.basename(decode(toUri));
}
