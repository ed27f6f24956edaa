// What a freshly installed endpoint with the community content holds, trimmed to what the
// event stream and the scenario engine touch: the global profile, the discover-base
// workflow with its stages, tasks and boot environments, a few params, one idle machine.

import type { ObjectStore } from './store';

/** discover-base, as the scenario engine walks it: each stage and the tasks its jobs run. */
export const DISCOVER_BASE: ReadonlyArray<{ stage: string; bootEnv: string; tasks: string[] }> = [
  { stage: 'discover', bootEnv: 'sledgehammer', tasks: ['enforce-sledgehammer', 'set-machine-ip-in-sledgehammer', 'reserve-dhcp-address', 'ssh-access'] },
  { stage: 'sledgehammer-wait', bootEnv: 'sledgehammer', tasks: ['gohai'] },
];

export function seedStore(store: ObjectStore): void {
  store.seed('profiles', {
    Meta: { color: 'blue', icon: 'world', title: 'Digital Rebar Provision' },
    Name: 'global',
    Description: 'Global profile attached automatically to all machines.',
    Params: {},
  });
  const params: Array<[string, string, unknown]> = [
    ['ipmi/enabled', 'Whether the machine has a usable IPMI controller.', { default: false, type: 'boolean' }],
    ['gohai/enable', 'Run gohai inventory during discovery.', { default: true, type: 'boolean' }],
    ['kernel-console', 'Console arguments for the kernel command line.', { default: 'console=ttyS0,115200', type: 'string' }],
    ['machine-plugin', 'The plugin that manages the machine.', { type: 'string' }],
  ];
  for (const [Name, Description, Schema] of params) store.seed('params', { Name, Description, Schema });
  for (const [Name, Description] of [
    ['local', 'Boot from the local disk.'],
    ['sledgehammer', 'The discovery and inventory image.'],
    ['ignore', 'Let machines boot whatever they would without DRP.'],
  ]) store.seed('bootenvs', { Name, Description });
  const tasks = new Set(DISCOVER_BASE.flatMap((s) => s.tasks));
  for (const Name of tasks) store.seed('tasks', { Name, Description: `Task ${Name}`, Templates: [{ Name: `${Name}.sh`, Path: '', Contents: '#!/usr/bin/env bash\n' }] });
  store.seed('stages', { Name: 'none', Description: 'Stage that does nothing.', BootEnv: '', RunnerWait: false });
  store.seed('stages', { Name: 'complete', Description: 'Marks the end of a workflow.', BootEnv: 'local' });
  for (const s of DISCOVER_BASE) store.seed('stages', { Name: s.stage, Description: `Stage ${s.stage}`, BootEnv: s.bootEnv, Tasks: s.tasks });
  store.seed('workflows', {
    Name: 'discover-base',
    Description: 'Discover a machine and wait in sledgehammer.',
    Stages: DISCOVER_BASE.map((s) => s.stage),
  });
  store.seed('machines', {
    Name: 'node-00',
    Uuid: 'e7fecfa5-1c0d-444d-b9df-fb07ab977110',
    HardwareAddrs: ['52:54:00:1a:2b:3c'],
  });
}
