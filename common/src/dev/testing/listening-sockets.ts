import { readdir, readFile, readlink } from 'node:fs/promises';

export interface ListeningSocket {
  pid: number;
  /** The bound address as text: `127.0.0.1`, `0.0.0.0`, `::1`, `::`. */
  address: string;
  port: number;
}

/** `pid` and every process below it (postgres forks, services of `npm start`), from /proc. */
export async function processTree(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Field 4 is the parent pid; the command name (field 2) may hold spaces, so read after its ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

function ipv4(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
}

function ipv6(hex: string): string {
  // Four 32-bit words, each in host (little-endian) byte order.
  const bytes = hex.match(/.{8}/g)!.flatMap((word) => word.match(/../g)!.reverse());
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(Number.parseInt(bytes[i]! + bytes[i + 1]!, 16).toString(16));
  const text = groups.join(':');
  if (text === '0:0:0:0:0:0:0:0') return '::';
  if (text === '0:0:0:0:0:0:0:1') return '::1';
  if (text.startsWith('0:0:0:0:0:ffff:')) return `::ffff:${ipv4(hex.slice(24))}`;
  return text;
}

/**
 * Every TCP socket in LISTEN state owned by one of `pids`, read from
 * /proc/net/tcp and /proc/net/tcp6 (what `ss -ltnp` shows), so a test can
 * check which interface each port is bound to.
 */
export async function listeningSockets(pids: number[]): Promise<ListeningSocket[]> {
  const owners = new Map<string, number>();
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode) owners.set(inode, pid);
    }
  }
  const sockets: ListeningSocket[] = [];
  for (const [file, parse] of [
    ['/proc/net/tcp', ipv4],
    ['/proc/net/tcp6', ipv6],
  ] as const) {
    const lines = (await readFile(file, 'utf8').catch(() => '')).trim().split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1]!, fields[3], fields[9]!];
      const pid = owners.get(inode);
      if (state !== '0A' || pid === undefined) continue;
      const [address, port] = local.split(':') as [string, string];
      sockets.push({ pid, address: parse(address), port: Number.parseInt(port, 16) });
    }
  }
  return sockets;
}
