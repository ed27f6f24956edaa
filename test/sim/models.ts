// The object shapes the simulator stores, field for field in the order the Go models encode
// them. v3 and v4 machines differ (docs/protocol.md §5.9: v3 has an embedded Profile,
// CurrentTask -1 and Locked, and none of Context/Fingerprint/Pool*); the rest share one
// shape here.

import { randomBytes, randomUUID } from 'node:crypto';
import type { MatchMode } from './matcher';

export type DrpObject = Record<string, unknown>;

export const PREFIXES = ['bootenvs', 'jobs', 'machines', 'params', 'profiles', 'stages', 'tasks', 'workflows'] as const;
export type Prefix = (typeof PREFIXES)[number];

export function isPrefix(s: string): s is Prefix {
  return (PREFIXES as readonly string[]).includes(s);
}

/** The field each object type is keyed by (models' KeyName()). */
export function keyField(prefix: Prefix): 'Uuid' | 'Name' {
  return prefix === 'machines' || prefix === 'jobs' ? 'Uuid' : 'Name';
}

/** Fields that are Go maps, so their keys are encoded sorted. */
export const MAP_FIELDS = new Set(['Meta', 'Params', 'Schema']);

const validated = (): DrpObject => ({ Validated: true, Available: true, Errors: [], ReadOnly: false, Meta: {}, Endpoint: '', Bundle: '' });

const emptyProfile = (): DrpObject => ({
  Validated: false, Available: false, Errors: null, ReadOnly: false, Meta: null, Endpoint: '', Bundle: '',
  Partial: false, Name: '', Description: '', Documentation: '', Params: null,
});

/** A blank object of the type, every field present in encoding order. */
export function blankObject(prefix: Prefix, mode: MatchMode): DrpObject {
  switch (prefix) {
    case 'profiles':
      return { ...validated(), Partial: false, Name: '', Description: '', Documentation: '', Params: {}, ...(mode === 'v4' ? { Profiles: [] } : {}) };
    case 'params':
      return { ...validated(), Name: '', Description: '', Documentation: '', Secure: false, Schema: {} };
    case 'machines':
      return mode === 'v3' ? blankMachineV3() : blankMachineV4();
    case 'jobs':
      return {
        ...validated(), Uuid: '', Previous: '', Machine: '', Task: '', Stage: '', ...(mode === 'v4' ? { Context: '' } : {}),
        State: 'created', ExitState: '', StartTime: '0001-01-01T00:00:00Z', EndTime: '0001-01-01T00:00:00Z',
        Archived: false, Current: true, CurrentIndex: 0, NextIndex: 0, Workflow: '', BootEnv: '',
      };
    case 'stages':
      return {
        ...validated(), Partial: false, Name: '', Description: '', Documentation: '', Templates: [], RequiredParams: [],
        OptionalParams: [], Params: {}, BootEnv: '', Tasks: [], Profiles: [], Reboot: false, RunnerWait: true,
      };
    case 'workflows':
      return { ...validated(), Partial: false, Name: '', Description: '', Documentation: '', Stages: [] };
    case 'bootenvs':
      return {
        ...validated(), Partial: false, Name: '', Description: '', Documentation: '',
        OS: { Name: '', Family: '', Codename: '', Version: '', IsoFile: '', IsoSha256: '', IsoUrl: '' },
        Templates: [], Kernel: '', Initrds: [], BootParams: '', RequiredParams: [], OptionalParams: [], OnlyUnknown: false,
      };
    case 'tasks':
      return { ...validated(), Partial: false, Name: '', Description: '', Documentation: '', Templates: [], RequiredParams: [], OptionalParams: [], Prerequisites: [] };
  }
}

function blankMachineV3(): DrpObject {
  return {
    ...validated(), Meta: { 'feature-flags': 'change-stage-v2' }, Partial: false, Name: '', Description: '', Uuid: '',
    CurrentJob: '', Address: '', Stage: 'none', BootEnv: 'local', Profiles: [], Profile: emptyProfile(), Params: {},
    Tasks: [], CurrentTask: -1, Runnable: true, Secret: '', OS: '', HardwareAddrs: [], Workflow: '', Arch: 'amd64', Locked: false,
  };
}

function blankMachineV4(): DrpObject {
  return {
    ...validated(), Meta: { 'feature-flags': 'change-stage-v2' }, Partial: false, Name: '', Description: '', Uuid: '',
    CurrentJob: '', Address: '', Stage: 'none', BootEnv: 'local', Profiles: [], Params: {}, Tasks: [], CurrentTask: -1,
    RetryTaskAttempt: 0, TaskErrorStacks: [], Runnable: true, Secret: '', OS: '', HardwareAddrs: [], Workflow: '',
    Arch: 'amd64', Locked: false, Context: '', Fingerprint: { SSNHash: '', CSNHash: '', CloudInstanceID: '', SystemUUID: '', MemoryIds: [] },
    Pool: 'default', PoolAllocated: false, PoolStatus: 'Free', WorkflowComplete: false,
  };
}

/** Fills the server-assigned fields a create leaves empty: machine and job UUIDs, a machine Secret. */
export function assignServerFields(prefix: Prefix, o: DrpObject): void {
  if ((prefix === 'machines' || prefix === 'jobs') && !o.Uuid) o.Uuid = randomUUID();
  if (prefix === 'machines' && !o.Secret) o.Secret = machineSecret();
}

/** 16 characters like the real `mN6nZ1uvntFwfcVd` (v3 does not blank it in events). */
export function machineSecret(): string {
  return randomBytes(12).toString('base64').replace(/[+/]/g, 'x').slice(0, 16);
}
