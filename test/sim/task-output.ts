// What the scenario's jobs write to their logs: the runner's own lines around each task's
// script, the script's output, and for a job that fails the error its command ends with.
// Invented but shaped like a runner's log: one `<task>.sh` per task (the template seed.ts
// gives every task), Go's `exit status N` wording for a command that fails.

interface TaskText {
  output: string[];
  error: string;
}

const TEXT: Record<string, TaskText> = {
  'enforce-sledgehammer': {
    output: ['Checking that the machine runs in sledgehammer', 'Machine is in sledgehammer'],
    error: 'enforce-sledgehammer.sh: line 9: /etc/sledgehammer-release: No such file or directory',
  },
  'set-machine-ip-in-sledgehammer': {
    output: ['Found address 192.168.124.101/24 on eth0', 'Machine Address set to 192.168.124.101'],
    error: 'RTNETLINK answers: File exists',
  },
  'reserve-dhcp-address': {
    output: ['Creating a reservation for 192.168.124.101 (52:54:00:1a:2b:3c)', 'Reservation C0A87C65 created'],
    error: 'Error: CREATE: reservations/C0A87C65: already exists',
  },
  'ssh-access': {
    output: ['Installing 1 authorized key for root', 'sshd restarted'],
    error: 'ssh-access.sh: line 14: /root/.ssh/authorized_keys: Read-only file system',
  },
  gohai: {
    output: ['Collecting hardware inventory', 'Inventory saved to the machine parameters (2 disks, 2 NICs)'],
    error: 'gohai: open /sys/firmware/dmi/tables/DMI: permission denied',
  },
};

function textFor(task: string): TaskText {
  return TEXT[task] ?? { output: [`Running ${task}`], error: `${task}.sh: command failed` };
}

/** The runner's lines when a job starts running. */
export function taskStart(task: string, machine: string, stage: string): string {
  return `Starting task ${task} on ${machine} in stage ${stage}\nRunning command ${task}.sh\n`;
}

/** The script's output while it runs. */
export function taskOutput(task: string): string {
  return `${textFor(task).output.join('\n')}\n`;
}

/** The last lines of a job that finished. */
export function taskFinished(task: string): string {
  return `Command ${task}.sh finished: exit status 0\nTask ${task} complete\n`;
}

/** The last lines of a job that failed: the script's error, then the command's exit status. */
export function taskFailed(task: string): string {
  return `${textFor(task).error}\nCommand ${task}.sh failed: exit status 1\n`;
}
