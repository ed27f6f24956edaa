// Realistic bulk for machine Params: the hardware inventory gohai collects is what makes
// real machine events tens of KB (docs/protocol.md §5.8). Used to size scenario machines and
// flood events; keys come out sorted, as Go encodes a map.

export function inventoryParams(targetBytes: number, seed = 0): Record<string, unknown> {
  const params: Record<string, unknown> = {
    'gohai/enable': true,
    'ipmi/enabled': true,
    'machine-plugin': 'ipmi',
  };
  const disks: unknown[] = [];
  const nics: unknown[] = [];
  params['inventory/Disks'] = disks;
  params['inventory/NICs'] = nics;
  let size = JSON.stringify(params).length;
  for (let i = 0; size < targetBytes; i++) {
    if (i % 2 === 0) {
      const d = { Name: `sd${String.fromCharCode(97 + (i / 2) % 26)}${Math.floor(i / 52) || ''}`, Model: 'QEMU HARDDISK', Serial: `QM${(seed * 7919 + i).toString(16).padStart(8, '0')}`, Size: 107374182400, Rotational: false, Removable: false };
      disks.push(d);
      size += JSON.stringify(d).length + 1;
    } else {
      const mac = `52:54:00:${hex(seed)}:${hex(i >> 8)}:${hex(i)}`;
      const n = { Name: `eth${(i - 1) / 2}`, MAC: mac, Driver: 'virtio_net', Speed: 10000, Link: true, Addrs: [`192.168.${seed % 250}.${i % 250}/24`] };
      nics.push(n);
      size += JSON.stringify(n).length + 1;
    }
  }
  return Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function hex(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}
