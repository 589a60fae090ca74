import * as path from 'node:path';
import { renderEvidenceMarkdown } from '../../server/src/evidence/markdown-report';
import { toSarif } from '../../server/src/evidence/sarif';
import { writeOutput } from '../output';
import { openProject, UsageError } from '../project';
import { projectReport } from '../report';
import { checkFailOn, exitCode, reportSideChannels, ruleDocUri, type ScanOptions } from './scan';

export const EVIDENCE_FORMATS = ['markdown', 'json', 'sarif'] as const;

export interface EvidenceOptions extends Omit<ScanOptions, 'format' | 'stats'> {
  /** One format to stdout or --output; without it, all three files into `outputDir`. */
  readonly format: string | undefined;
  readonly outputDir: string;
}

/**
 * `hciac evidence`: the compliance evidence of the scanned paths — tool and rule-set version, the Git
 * commit and whether the scanned files equal it, per-control status with evidence locations, findings,
 * and every suppression with its justification and expiry — as Markdown, JSON and SARIF.
 */
export async function runEvidence(options: EvidenceOptions): Promise<number> {
  if (options.format !== undefined && !(EVIDENCE_FORMATS as readonly string[]).includes(options.format)) throw new UsageError(`unknown --format "${options.format}" (${EVIDENCE_FORMATS.join(', ')})`);
  checkFailOn(options.failOn);
  const project = await openProject(options);
  const report = await projectReport(project, { git: true, now: new Date() });
  const rendered = {
    markdown: renderEvidenceMarkdown(report) + '\n',
    json: JSON.stringify(report, null, 2) + '\n',
    sarif: JSON.stringify(toSarif(report, (id) => ruleDocUri(options.docsDir, id)), null, 2) + '\n',
  };
  if (options.format !== undefined) {
    await writeOutput(rendered[options.format as keyof typeof rendered], options.output);
  } else {
    const names = { markdown: 'hciac-evidence.md', json: 'hciac-evidence.json', sarif: 'hciac-evidence.sarif' } as const;
    for (const format of EVIDENCE_FORMATS) {
      const file = path.join(options.outputDir, names[format]);
      await writeOutput(rendered[format], file);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  reportSideChannels(project, true);
  return exitCode(project, report, options.failOn);
}
