// The RFC 6902 subset DRP clients send (add, remove, replace, test). Applied to a copy, so a
// failed patch leaves the stored object untouched and, like any failed call, emits nothing.

export interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
}

export type PatchResult = { ok: true; value: unknown } | { ok: false; message: string };

export function applyPatch(target: unknown, ops: unknown): PatchResult {
  if (!Array.isArray(ops)) return { ok: false, message: 'patch must be a JSON array of operations' };
  let doc = structuredClone(target);
  for (const raw of ops as PatchOp[]) {
    if (!raw || typeof raw.path !== 'string') return { ok: false, message: 'patch operation has no path' };
    const tokens = parsePointer(raw.path);
    if (!tokens) return { ok: false, message: `invalid JSON pointer ${raw.path}` };
    if (tokens.length === 0) {
      if (raw.op === 'test') {
        if (JSON.stringify(doc) !== JSON.stringify(raw.value)) return { ok: false, message: `Patch error: test of ${raw.path} failed` };
        continue;
      }
      if (raw.op === 'replace' || raw.op === 'add') { doc = structuredClone(raw.value); continue; }
      return { ok: false, message: `cannot ${raw.op} the whole document` };
    }
    const parent = resolve(doc, tokens.slice(0, -1));
    const last = tokens[tokens.length - 1];
    if (parent === undefined || parent === null || typeof parent !== 'object') return { ok: false, message: `Patch error: path ${raw.path} does not exist` };
    const error = applyOne(parent as Record<string, unknown> | unknown[], last, raw);
    if (error) return { ok: false, message: `Patch error: ${error}` };
  }
  return { ok: true, value: doc };
}

function applyOne(parent: Record<string, unknown> | unknown[], token: string, op: PatchOp): string | undefined {
  if (Array.isArray(parent)) {
    const index = token === '-' ? parent.length : Number(token);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) return `bad array index ${token}`;
    switch (op.op) {
      case 'add': parent.splice(index, 0, structuredClone(op.value)); return undefined;
      case 'remove': if (index >= parent.length) return `no element ${token}`; parent.splice(index, 1); return undefined;
      case 'replace': if (index >= parent.length) return `no element ${token}`; parent[index] = structuredClone(op.value); return undefined;
      case 'test': return JSON.stringify(parent[index]) === JSON.stringify(op.value) ? undefined : `test of ${op.path} failed`;
      default: return `unsupported op ${op.op}`;
    }
  }
  const has = Object.prototype.hasOwnProperty.call(parent, token);
  switch (op.op) {
    case 'add': parent[token] = structuredClone(op.value); return undefined;
    case 'remove': if (!has) return `path ${op.path} does not exist`; delete parent[token]; return undefined;
    case 'replace': if (!has) return `path ${op.path} does not exist`; parent[token] = structuredClone(op.value); return undefined;
    case 'test': return has && JSON.stringify(parent[token]) === JSON.stringify(op.value) ? undefined : `test of ${op.path} failed`;
    default: return `unsupported op ${op.op}`;
  }
}

function parsePointer(path: string): string[] | undefined {
  if (path === '') return [];
  if (!path.startsWith('/')) return undefined;
  return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolve(doc: unknown, tokens: string[]): unknown {
  let cur = doc;
  for (const t of tokens) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}
