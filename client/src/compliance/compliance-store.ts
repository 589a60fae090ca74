import * as vscode from 'vscode';
import { NotificationType, RequestType, RequestType0, State, type LanguageClient } from 'vscode-languageclient/node';
import {
  ControlCatalogRequest,
  ControlStatusRequest,
  FindingsChangedNotification,
  type ControlCatalogResult,
  type ControlStatusParams,
  type ControlStatusResult,
  type FindingsChangedParams,
} from '../../../common/protocol';
import { applyStatus, type ComplianceSnapshot } from './snapshot';

export type { ComplianceSnapshot } from './snapshot';

const controlStatusRequest = new RequestType<ControlStatusParams, ControlStatusResult, void>(ControlStatusRequest);
const controlCatalogRequest = new RequestType0<ControlCatalogResult | null, void>(ControlCatalogRequest);
const findingsChanged = new NotificationType<FindingsChangedParams>(FindingsChangedNotification);

/** How long the store waits after the last change before asking the server (typing bursts coalesce). */
export const REFRESH_DEBOUNCE_MS = 300;
/** The longest a change waits while changes keep coming (a long workspace scan still shows progress). */
export const REFRESH_MAX_WAIT_MS = 2000;

/**
 * The client's copy of the server's control status. Listens to `healthcareIac/findingsChanged`,
 * waits REFRESH_DEBOUNCE_MS after the last one (at most REFRESH_MAX_WAIT_MS after the first), then
 * asks only for the files that changed; asks for everything again when the server (re)starts.
 * Requests never overlap. Holds no compliance logic: statuses come from the server as they are.
 */
export class ComplianceStore implements vscode.Disposable {
  private snapshotValue: ComplianceSnapshot | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly pending = new Set<string>();
  private pendingAll = true;
  private pendingCatalog = true;
  private timer: NodeJS.Timeout | undefined;
  /** When the oldest change not yet asked for arrived (for REFRESH_MAX_WAIT_MS). */
  private waitingSince: number | undefined;
  private running: Promise<void> | undefined;

  /** Fires after the snapshot changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      client.onNotification(findingsChanged, (params) => {
        for (const uri of params.uris) this.pending.add(uri);
        if (params.catalogChanged) this.pendingCatalog = true;
        this.schedule(REFRESH_DEBOUNCE_MS);
      }),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) {
          this.pendingAll = true;
          this.pendingCatalog = true;
          this.schedule(0);
        }
      }),
    );
    if (client.state === State.Running) this.schedule(0);
  }

  get snapshot(): ComplianceSnapshot | undefined {
    return this.snapshotValue;
  }

  /** Applies announced changes now (no debounce); resolves with the snapshot once it is in. */
  async refreshNow(): Promise<ComplianceSnapshot | undefined> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.waitingSince = undefined;
    await this.run();
    return this.snapshotValue;
  }

  private schedule(delayMs: number): void {
    const now = Date.now();
    this.waitingSince ??= now;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.waitingSince = undefined;
      void this.run();
    }, Math.max(0, Math.min(delayMs, this.waitingSince + REFRESH_MAX_WAIT_MS - now)));
  }

  /** One drain at a time; a caller arriving during a drain waits for it (the drain loops over new work). */
  private run(): Promise<void> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Applies pending work until none is left (changes that arrive meanwhile are picked up). */
  private async drain(): Promise<void> {
    while (this.client.state === State.Running && (this.pendingAll || this.pendingCatalog || this.pending.size > 0)) {
      const all = this.pendingAll || this.snapshotValue === undefined;
      const catalogNeeded = this.pendingCatalog || this.snapshotValue === undefined;
      const uris = [...this.pending];
      this.pendingAll = false;
      this.pendingCatalog = false;
      this.pending.clear();
      try {
        const catalog = catalogNeeded ? await this.client.sendRequest(controlCatalogRequest) : this.snapshotValue!.catalog;
        if (catalog === null) throw new Error('the server could not list the catalog (see its log)');
        const status = await this.client.sendRequest(controlStatusRequest, all ? {} : { uris });
        this.snapshotValue = applyStatus(all ? undefined : this.snapshotValue, catalog, status);
        this.changed.fire();
      } catch (error) {
        // The server stopped or restarts: the state listener asks for everything again when it runs.
        if (this.client.state === State.Running) this.log.warn(`control status request failed: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
