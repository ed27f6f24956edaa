// The "DRP: Register Filter" input: one input box validated on every keystroke by the core's
// checkFilter (so an invalid filter can never be accepted, let alone sent), and a button
// that walks through type → action → key for people who do not know the types by heart.
import * as vscode from 'vscode';
import { checkFilter, describeFilter, type FilterCheck } from '../../core/filters/filter';
import { describeOverlap, filterOverlap, type RegisteredFilter } from '../../core/filters/filter-overlap';

/** Fetches the endpoint's object types (`GET /api/v3/objects`). */
export type FetchObjectTypes = () => Promise<readonly string[]>;

/** Event types that are not objects, so `/api/v3/objects` does not list them (docs/protocol.md
 * §5.6). */
const NON_OBJECT_TYPES: Record<string, string> = {
  log: 'the endpoint’s log lines (Action is the level)',
  websocket: 'register/deregister acknowledgements',
  static: 'files served over HTTP, one event each',
  tftp: 'files served over TFTP, one event each',
};

/** The v4 object types (docs/protocol.md §5.6), for when the endpoint cannot be asked. */
const FALLBACK_OBJECT_TYPES = [
  'bootenvs', 'catalog_items', 'contents', 'contexts', 'endpoints', 'interfaces', 'jobs', 'leases',
  'machines', 'params', 'plugin_providers', 'plugins', 'pools', 'preferences', 'profiles', 'reservations',
  'roles', 'stages', 'subnets', 'tasks', 'templates', 'tenants', 'users', 'version_sets', 'workflows',
];

const ACTIONS: Array<{ label: string; description: string }> = [
  { label: '*', description: 'any action' },
  { label: 'create', description: 'a new object' },
  { label: 'update', description: 'a PUT or PATCH (carries the Original)' },
  { label: 'save', description: 'an internal save (carries the Original)' },
  { label: 'delete', description: 'a removed object' },
];

/** How long the guided path waits for the endpoint's type list before using the usual one. */
const TYPES_TIMEOUT_MS = 5000;

export class RegisterFilterInput {
  constructor(
    private readonly fetchTypes?: FetchObjectTypes,
    /** The filters already registered, so the input can say what a new one would repeat. */
    private readonly registered: () => readonly RegisteredFilter[] = () => [],
  ) {}

  /**
   * The command's entry point. A string argument (or `{ filter }`) is validated without any
   * UI, for scripts; otherwise the input box asks. Returns the validated filter, or
   * undefined when cancelled or invalid (an error message has then been shown).
   */
  async run(arg?: unknown): Promise<string | undefined> {
    const scripted = typeof arg === 'string' ? arg : filterField(arg);
    if (scripted === undefined) return this.prompt();
    // `{ filter, confirm: true }` (an event row's "Register Filter for This Key") opens the
    // input prefilled, so the user sees and can edit what will be registered.
    if (typeof arg === 'object' && (arg as { confirm?: unknown }).confirm === true) return this.prompt(scripted);
    const check = checkFilter(scripted);
    if (!check.ok) {
      void vscode.window.showErrorMessage(`The filter was not registered. ${check.message}`);
      return undefined;
    }
    return check.filter;
  }

  /** The input box; the guided path returns to it only when the user backs out of it. */
  async prompt(initial = ''): Promise<string | undefined> {
    let value = initial;
    for (;;) {
      const result = await this.inputOnce(value);
      if (result.kind === 'accept') return result.filter;
      if (result.kind === 'cancel') return undefined;
      const built = await this.guided();
      if (built !== undefined) return built;
      value = result.value;
    }
  }

  private inputOnce(
    value: string,
  ): Promise<{ kind: 'accept'; filter: string } | { kind: 'guided'; value: string } | { kind: 'cancel' }> {
    return new Promise((resolve) => {
      const box = vscode.window.createInputBox();
      const guidedButton: vscode.QuickInputButton = {
        iconPath: new vscode.ThemeIcon('list-selection'),
        tooltip: 'Choose type and action…',
      };
      let result: { kind: 'accept'; filter: string } | { kind: 'guided'; value: string } | { kind: 'cancel' } = { kind: 'cancel' };
      box.title = 'DRP: Register Filter';
      box.placeholder = 'machines.*.*';
      box.prompt =
        'A filter is type.action.key, e.g. machines.update.* or jobs.*.*; * matches any value, keys may contain dots, ' +
        'and lists like machines,jobs.create,update.* are expanded here. The button chooses type and action from a list.';
      box.value = value;
      box.buttons = [guidedButton];
      box.ignoreFocusOut = true;
      box.validationMessage = validationFor(value, this.registered());
      const disposables = [
        box.onDidChangeValue((text) => {
          box.validationMessage = validationFor(text, this.registered());
        }),
        box.onDidAccept(() => {
          const check = checkFilter(box.value);
          if (!check.ok) {
            box.validationMessage = { message: check.message, severity: vscode.InputBoxValidationSeverity.Error };
            return;
          }
          result = { kind: 'accept', filter: check.filter };
          box.hide();
        }),
        box.onDidTriggerButton((button) => {
          if (button !== guidedButton) return;
          result = { kind: 'guided', value: box.value };
          box.hide();
        }),
        box.onDidHide(() => {
          for (const d of disposables) d.dispose();
          box.dispose();
          resolve(result);
        }),
      ];
      box.show();
    });
  }

  /** type → action → key; undefined when the user backs out at any step. */
  private async guided(): Promise<string | undefined> {
    const type = await vscode.window.showQuickPick(this.typeItems(), {
      title: 'DRP: Register Filter (1/3): type',
      placeHolder: 'Which type of event?',
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    if (!type) return undefined;
    const action = await vscode.window.showQuickPick(ACTIONS, {
      title: `DRP: Register Filter (2/3): action for ${type.label}`,
      placeHolder: 'Which action?',
      ignoreFocusOut: true,
    });
    if (!action) return undefined;
    const prefix = `${type.label}.${action.label}.`;
    const key = await vscode.window.showInputBox({
      title: `DRP: Register Filter (3/3): key for ${type.label}.${action.label}`,
      prompt: 'The object’s key (a machine UUID, a profile name, a param like test/flag), or * for any key.',
      value: '*',
      ignoreFocusOut: true,
      validateInput: (text) => validationFor(prefix + text, this.registered()),
    });
    if (key === undefined) return undefined;
    const check = checkFilter(prefix + key);
    return check.ok ? check.filter : undefined;
  }

  private async typeItems(): Promise<vscode.QuickPickItem[]> {
    const fetched = await this.objectTypes();
    const items: vscode.QuickPickItem[] = [{ label: '*', description: 'any type (also log, static and tftp noise)' }];
    for (const type of fetched.types) items.push({ label: type, description: fetched.offline ? 'usual DRP type' : undefined });
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    for (const [type, description] of Object.entries(NON_OBJECT_TYPES)) items.push({ label: type, description });
    return items;
  }

  private async objectTypes(): Promise<{ types: string[]; offline: boolean }> {
    if (!this.fetchTypes) return { types: FALLBACK_OBJECT_TYPES, offline: true };
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), TYPES_TIMEOUT_MS);
      });
      const types = await Promise.race([this.fetchTypes(), timeout]);
      const clean = [...new Set(types.filter((t) => typeof t === 'string' && t !== '' && !(t in NON_OBJECT_TYPES)))].sort();
      return clean.length > 0 ? { types: clean, offline: false } : { types: FALLBACK_OBJECT_TYPES, offline: true };
    } catch {
      // Offline or signed out: the usual list still lets the user build a filter.
      return { types: FALLBACK_OBJECT_TYPES, offline: true };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}

/** The live message under the input: errors block Enter, warnings and the description do not. */
export function validationFor(text: string, registered: readonly RegisteredFilter[] = []): vscode.InputBoxValidationMessage | undefined {
  if (text.trim() === '') return undefined;
  const check: FilterCheck = checkFilter(text);
  if (!check.ok) return { message: check.message, severity: vscode.InputBoxValidationSeverity.Error };
  if (check.warnings.length > 0) {
    return { message: check.warnings.join(' '), severity: vscode.InputBoxValidationSeverity.Warning };
  }
  const expanded = check.wire.length > 1 ? ` (registered as ${check.wire.length} filters: ${check.wire.join(', ')})` : '';
  const receives = `Receives ${describeFilter(check.filter)}${expanded}.`;
  const overlap = filterOverlap(check.filter, check.wire, registered);
  if (overlap === undefined) return { message: receives, severity: vscode.InputBoxValidationSeverity.Info };
  // A warning, not an error: a second filter for the same events is allowed (it has its own count).
  return { message: `${describeOverlap(overlap)} ${receives}`, severity: vscode.InputBoxValidationSeverity.Warning };
}

function filterField(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const filter = (arg as { filter?: unknown }).filter;
  return typeof filter === 'string' ? filter : undefined;
}
