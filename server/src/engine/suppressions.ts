import type { K8sFile } from '../model/kubernetes/types';
import type { Span } from '../model/span';
import type { TfFile } from '../model/terraform/types';
import type { Rule } from '../rules/types';
import type { AnalysisProblem, FileAnalysis, Finding, SuppressedFinding, Suppression } from './finding';
import { peerEquivalences, samePeerId, type PeerEquivalence } from './peer-equivalents';
import { collectMarkers, type Marker } from './suppression-markers';
import { TargetResolver } from './suppression-targets';

/** How inline suppressions are governed (a repository's `.hciac.yaml` `policy`). */
export interface SuppressionPolicy {
  /** Rule ids and control ids whose findings may not be suppressed inline. */
  readonly forbidSuppression: readonly string[];
  readonly requireExpiry: boolean;
  /** An expiry may lie at most this many days ahead; undefined = no limit. */
  readonly maxExpiryDays: number | undefined;
}

export const DEFAULT_POLICY: SuppressionPolicy = { forbidSuppression: [], requireExpiry: false, maxExpiryDays: undefined };

export interface SuppressionContext {
  readonly policy: SuppressionPolicy;
  /** Today as `YYYY-MM-DD` (UTC): expiries are compared against it. Injected so tests and CI runs are reproducible. */
  readonly today: string;
  /** The shipped rules: known ids, their controls (for the policy) and peers' equivalent ids. */
  readonly rules: readonly Rule[];
  /** Rules that run for this file (a suppression of a rule turned off is not "unused"). */
  readonly isRuleEnabled: (ruleId: string) => boolean;
}

/** A suppression ready to match findings, with what it was built from. */
interface Candidate {
  readonly suppression: Omit<Suppression, 'matched' | 'status'>;
  readonly messageIds: readonly string[] | undefined;
  /** Set when policy or syntax rejects it. */
  rejected: boolean;
  matched: number;
  readonly ownMarker: boolean;
}

const SPECIFICITY: Readonly<Record<Suppression['scope'], number>> = { line: 0, node: 1, resource: 2, file: 3 };

/**
 * The suppression post-filter: reads the markers of a file (this product's comments and annotations,
 * and the peers' markers the rule metadata maps), checks each against the policy, and moves the
 * findings an applied suppression matches from `findings` to `suppressed`. Every mistake (no reason,
 * expired, unknown rule, forbidden by policy, matching nothing, misplaced) becomes a problem on the marker.
 */
export function applySuppressions(analysis: FileAnalysis, model: TfFile | K8sFile, text: string, ctx: SuppressionContext): FileAnalysis {
  const markers = collectMarkers(model);
  if (markers.length === 0) return analysis;
  const problems: AnalysisProblem[] = [];
  const problem = (severity: AnalysisProblem['severity'], message: string, span: Span) => problems.push({ code: 'hciac-suppression', severity, message, span });
  const resolver = new TargetResolver(model, text);
  const known = new Set(ctx.rules.map((r) => r.id));
  const candidates: Candidate[] = [];

  const peers = new Map<string, { origin: Marker['origin']; scope: Suppression['scope']; target: Span; markers: Marker[] }>();
  for (const marker of markers) {
    if (marker.unsupported !== undefined) {
      problem(marker.origin === 'hciac' ? 'warning' : 'hint', `${capitalise(marker.unsupported)}: \`${marker.text}\` is not applied.`, marker.span);
      continue;
    }
    const resolved = resolver.resolve(marker.placement, marker.span, marker.object?.span);
    if ('problem' in resolved) {
      problem(marker.origin === 'hciac' ? 'warning' : 'hint', `\`${marker.text}\` applies to nothing: ${resolved.problem}.`, marker.span);
      continue;
    }
    if (marker.origin === 'hciac') {
      const ruleId = marker.ids[0]!;
      if (!known.has(ruleId)) {
        problem('warning', `Unknown rule id "${ruleId}": this suppression has no effect (\`hciac rules\` lists the rule ids).`, marker.span);
        continue;
      }
      candidates.push(candidate(marker, [ruleId], undefined, resolved.scope, resolved.target, marker.reason, marker.expires, true));
    } else {
      const key = `${marker.origin} ${resolved.scope} ${resolved.target.start}:${resolved.target.end}`;
      const group = peers.get(key) ?? { origin: marker.origin, scope: resolved.scope, target: resolved.target, markers: [] };
      group.markers.push(marker);
      peers.set(key, group);
    }
  }
  // Only rules of this file's platform: a Checkov K8s id in a Terraform file maps to nothing here.
  const platform = 'objects' in model ? 'kubernetes' : 'terraform';
  const ofPlatform = new Set(ctx.rules.filter((r) => r.platform === platform).map((r) => r.id));
  const equivalences = peerEquivalences(ctx.rules).filter((e) => ofPlatform.has(e.ruleId));
  for (const group of peers.values()) candidates.push(...peerCandidates(group, equivalences, problem));

  for (const c of candidates) checkPolicy(c, ctx, problem);

  const ordered = [...candidates].sort((a, b) => SPECIFICITY[a.suppression.scope] - SPECIFICITY[b.suppression.scope] || Number(b.ownMarker) - Number(a.ownMarker));
  const findings: Finding[] = [];
  const matchedBy: { finding: Finding; by: Candidate }[] = [];
  for (const finding of analysis.findings) {
    const by = ordered.find((c) => !c.rejected && covers(c, finding));
    if (by === undefined) findings.push(finding);
    else {
      by.matched++;
      matchedBy.push({ finding, by });
    }
  }

  const final = new Map<Candidate, Suppression>();
  for (const c of candidates) {
    final.set(c, { ...c.suppression, status: c.rejected ? 'rejected' : 'applied', matched: c.matched });
    if (c.ownMarker && !c.rejected && c.matched === 0 && c.suppression.ruleIds.some(ctx.isRuleEnabled)) {
      problem('warning', `\`${c.suppression.marker}\` matches no finding: ${unusedHint(c.suppression.scope)}`, c.suppression.span);
    }
  }
  const suppressed: SuppressedFinding[] = matchedBy.map(({ finding, by }) => ({ finding, suppression: final.get(by)! }));
  return {
    ...analysis,
    findings,
    suppressed: [...analysis.suppressed, ...suppressed],
    suppressions: [...analysis.suppressions, ...final.values()].sort((a, b) => a.span.start - b.span.start),
    problems: [...analysis.problems, ...distinct(problems).sort((a, b) => a.span.start - b.span.start)],
  };
}

function candidate(marker: Marker, ruleIds: readonly string[], messageIds: readonly string[] | undefined, scope: Suppression['scope'], target: Span, reason: string | undefined, expires: string | undefined, ownMarker: boolean): Candidate {
  return {
    suppression: { origin: marker.origin, marker: marker.text, ruleIds, reason, expires, span: marker.span, scope, target },
    messageIds,
    rejected: false,
    matched: 0,
    ownMarker,
  };
}

/**
 * Peers' markers on one target, turned into suppressions of our rules: an equivalence applies when
 * every one of its peer checks is named by a marker of the group (or a marker names every check).
 */
function peerCandidates(group: { origin: Marker['origin']; scope: Suppression['scope']; target: Span; markers: Marker[] }, equivalences: readonly PeerEquivalence[], problem: (s: AnalysisProblem['severity'], m: string, at: Span) => void): Candidate[] {
  const named = (alias: string) => group.markers.find((m) => m.ids.length === 0 || m.ids.some((id) => samePeerId(id, alias)));
  const out: Candidate[] = [];
  const used = new Set<Marker>();
  const partial = new Map<Marker, string[]>();
  for (const e of equivalences) {
    if (e.origin !== group.origin && !(group.origin === 'tfsec' && e.origin === 'trivy')) continue;
    const contributors = e.groups.map((aliases) => aliases.map(named).find((m) => m !== undefined));
    if (contributors.every((m) => m !== undefined)) {
      const markers = [...new Set(contributors as Marker[])];
      for (const m of markers) used.add(m);
      const reasons = [...new Set(markers.map((m) => m.reason).filter((r): r is string => r !== undefined))];
      const expiries = markers.map((m) => m.expires).filter((x): x is string => x !== undefined).sort();
      const first = markers[0]!;
      const text = markers.map((m) => m.text).join(' + ');
      out.push(candidate({ ...first, text }, [e.ruleId], e.messageIds, group.scope, group.target, reasons.length > 0 ? reasons.join('; ') : undefined, expiries[0], false));
    } else if (contributors.some((m) => m !== undefined)) {
      const missing = e.groups.filter((_, i) => contributors[i] === undefined).map((aliases) => aliases[0]!);
      for (const m of contributors) if (m !== undefined && m.ids.length > 0) partial.set(m, [...(partial.get(m) ?? []), `${e.ruleId} (also needs ${missing.join(', ')})`]);
    }
  }
  for (const m of group.markers) {
    if (used.has(m) || m.ids.length === 0) continue;
    const parts = partial.get(m);
    if (parts !== undefined) problem('hint', `\`${m.text}\` covers only part of ${parts.join(', ')}: the rule stays in force until every equivalent check is skipped here, or use # hciac:ignore.`, m.span);
    else problem('hint', `\`${m.text}\` names no check that a rule of Healthcare IaC Compliance corresponds to: it has no effect here.`, m.span);
  }
  return out;
}

function checkPolicy(c: Candidate, ctx: SuppressionContext, problem: (s: AnalysisProblem['severity'], m: string, at: Span) => void): void {
  const s = c.suppression;
  const reject = (severity: AnalysisProblem['severity'], message: string) => {
    c.rejected = true;
    problem(severity, message, s.span);
  };
  const rules = s.ruleIds.join(', ');
  if (s.expires !== undefined && !isDate(s.expires)) return reject('warning', `\`${s.marker}\`: expires=${s.expires} is not a date (YYYY-MM-DD), so the suppression is not applied.`);
  if (s.reason === undefined) {
    if (c.ownMarker) return reject('warning', `\`${s.marker}\` gives no reason="…": an exception must be justified, so it is not applied.`);
    problem('warning', `\`${s.marker}\` gives no reason: it is honoured, but the exception is unjustified. Prefer # hciac:ignore <rule-id> reason="…" expires=YYYY-MM-DD.`, s.span);
  }
  const forbidden = s.ruleIds.flatMap((id) => forbiddenBy(id, ctx));
  if (forbidden.length > 0) return reject('error', `The repository policy (policy.forbidSuppression: ${[...new Set(forbidden)].join(', ')}) does not allow suppressing ${rules} inline: the finding stays.`);
  if (s.expires !== undefined && s.expires < ctx.today) return reject('warning', `\`${s.marker}\` expired on ${s.expires}: it is no longer applied. Fix the finding or renew the exception with a new expiry.`);
  if (s.expires === undefined && ctx.policy.requireExpiry) return reject('warning', `The repository policy (policy.requireExpiry) requires an expiry: add expires=YYYY-MM-DD to \`${s.marker}\`; it is not applied.`);
  const max = ctx.policy.maxExpiryDays;
  if (s.expires !== undefined && max !== undefined && daysBetween(ctx.today, s.expires) > max) {
    return reject('warning', `\`${s.marker}\` expires ${s.expires}, more than ${max} days ahead (policy.maxExpiryDays): it is not applied.`);
  }
}

function forbiddenBy(ruleId: string, ctx: SuppressionContext): string[] {
  const forbid = ctx.policy.forbidSuppression;
  if (forbid.length === 0) return [];
  const rule = ctx.rules.find((r) => r.id === ruleId);
  const controls = rule?.meta.controls.map((c) => c.id) ?? [];
  return forbid.filter((f) => f === ruleId || controls.includes(f));
}

function covers(c: Candidate, finding: Finding): boolean {
  const s = c.suppression;
  if (!s.ruleIds.includes(finding.ruleId)) return false;
  if (c.messageIds !== undefined && !c.messageIds.includes(finding.messageId)) return false;
  if (s.scope === 'file') return true;
  if (s.scope === 'line') return s.target.start <= finding.span.start && finding.span.start <= s.target.end;
  const f = finding.span;
  return f.start === f.end ? s.target.start <= f.start && f.start <= s.target.end : f.start < s.target.end && s.target.start < f.end;
}

function unusedHint(scope: Suppression['scope']): string {
  switch (scope) {
    case 'node':
      return 'it covers only the attribute or entry on the next line. To cover the whole resource, put it on the line above the resource, or remove it if the finding is fixed.';
    case 'line':
      return 'it covers only the next line. Remove it if the finding is fixed.';
    default:
      return 'remove it if the finding is fixed, or move it to the resource it is meant for.';
  }
}

/** One marker that stands for many rules (`kics-scan ignore-line`) reports each mistake once. */
function distinct(problems: readonly AnalysisProblem[]): AnalysisProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.span.start}:${p.span.end}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today (UTC) as `YYYY-MM-DD`, from a clock. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
