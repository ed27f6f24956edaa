// How each kind of DRP object is named for people, from its type and key
// (docs/protocol.md §5.6 lists each type's key field):
//   machines        their Name (the key is a UUID)
//   jobs            `<machine name> · <task> · <state>` (the key is a UUID)
//   leases,
//   reservations    the dotted IPv4 address (the key is it as 8 hex digits, `C0A87C65`)
//   everything else its key, which already is its name (Name, ID, Id or Meta.Name)
// Principals `runner:<uuid>` and `machine:<uuid>` (a machine's token) name that machine.

export type NameKind = 'machine' | 'job' | 'address' | 'key';

export function nameKind(type: string): NameKind {
  switch (type) {
    case 'machines':
      return 'machine';
    case 'jobs':
      return 'job';
    case 'leases':
    case 'reservations':
      return 'address';
    default:
      return 'key';
  }
}

const HEX_ADDRESS = /^[0-9A-Fa-f]{8}$/;

/** `C0A87C65` → `192.168.124.101`; undefined for a key that is not 8 hex digits. */
export function ipv4FromHexKey(key: string): string | undefined {
  if (!HEX_ADDRESS.test(key)) return undefined;
  const n = parseInt(key, 16);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The first block of a UUID (`e7fecfa5`), for a machine whose name is not known; other text unchanged. */
export function shortId(id: string): string {
  return UUID.test(id) ? id.slice(0, 8) : id;
}

/** What names a job, as its Object says. */
export interface JobFacts {
  machine?: string;
  task?: string;
  state?: string;
}

/** `node-01 · gohai · running`; undefined when nothing is known. */
export function jobName(facts: JobFacts, machineName: string | undefined): string | undefined {
  const machine = machineName ?? (facts.machine ? shortId(facts.machine) : undefined);
  const parts = [machine, facts.task, facts.state].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

const MACHINE_PRINCIPAL = /^(runner|machine):(.+)$/;

/** The machine a principal acts for (`runner:<uuid>`, `machine:<uuid>`), split into prefix and id. */
export function principalMachine(principal: string): { prefix: string; id: string } | undefined {
  const m = MACHINE_PRINCIPAL.exec(principal);
  return m ? { prefix: m[1], id: m[2] } : undefined;
}
