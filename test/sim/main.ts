// `npm run sim -- --port 8092 --rate 20 [--mode v3|v4] [--machines 3] [--size small|4k|20k] [--fail-rate 0.05]`:
// a standalone simulated endpoint with background traffic, for trying the extension by hand.
// A bad option is a usage error: its message and exit code 2.

import { DEFAULT_USER } from './auth';
import { DrpSimulator } from './simulator';

interface Args {
  port: number;
  rate: number;
  mode: 'v3' | 'v4';
  machines: number;
  size: 'small' | '4k' | '20k';
  failRate: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: 8092, rate: 5, mode: 'v3', machines: 3, size: 'small', failRate: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value.`);
      i++;
      return value;
    };
    if (flag === '--port') args.port = Number(need());
    else if (flag === '--rate') args.rate = Number(need());
    else if (flag === '--machines') args.machines = Number(need());
    else if (flag === '--mode') args.mode = need() === 'v4' ? 'v4' : 'v3';
    else if (flag === '--size') args.size = need() as Args['size'];
    else if (flag === '--fail-rate') args.failRate = parseFailRate(need());
    else throw new Error(`Unknown option ${flag}. Options: --port N --rate N --mode v3|v4 --machines N --size small|4k|20k --fail-rate 0..1.`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port must be a port number (0 picks a free one).');
  if (!(args.rate >= 0)) throw new Error('--rate must be a number of events per second (0 for none).');
  if (!['small', '4k', '20k'].includes(args.size)) throw new Error('--size must be small, 4k or 20k.');
  return args;
}

/** A share of jobs: a plain number from 0 to 1. */
function parseFailRate(text: string): number {
  const rate = Number(text);
  if (text.trim() === '' || !(rate >= 0 && rate <= 1)) {
    throw new Error(`--fail-rate must be a number from 0 to 1, such as 0.05 for 5% of jobs (got "${text}").`);
  }
  return rate;
}

function parseArgsOrExit(argv: string[]): Args {
  try {
    return parseArgs(argv);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const args = parseArgsOrExit(process.argv.slice(2));
  const sim = await DrpSimulator.start({
    port: args.port,
    mode: args.mode,
    log: (line) => console.log(`[sim] ${line}`),
  });
  if (args.rate > 0) sim.startTraffic({ rate: args.rate, machines: args.machines, objectSize: args.size, failRate: args.failRate });
  const { name, password } = DEFAULT_USER;
  console.log(`
DRP simulator (${args.mode}) is running.
  Endpoint:     ${sim.url}
  User:         ${name} / ${password}
  Token:        curl -sk -u ${name}:${password} '${sim.url}/api/v3/users/${name}/token?ttl=3600'
  Certificate:  self-signed, SHA-256 fingerprint
                ${sim.fingerprint256}
  Websocket:    ${sim.wsUrl}?token=${name}:${password}   (the docs' form; prefer an Authorization header)
  Traffic:      ${args.rate} events/s over ${args.machines} machines (${args.size} objects)
  Jobs:         ${+(args.failRate * 100).toFixed(2)}% fail; logs at ${sim.url}/api/v3/jobs/<uuid>/log
  Restart:      kill -HUP ${process.pid}   (tokens are refused for 1 s, as on a real start)
Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the simulator…');
    sim.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // kill -HUP <pid>: restart as dr-provision does, tokens refused for the first second.
  process.on('SIGHUP', () => {
    console.log('Restarting the simulator (tokens are refused for 1 s)…');
    sim.restart({ tokenRefusalMs: 1000 }).catch((err: Error) => console.error(err.message));
  });
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
