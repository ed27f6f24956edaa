// GET /api/v3/info (models.Info, docs/protocol.md §7.2). The v3 server lacks local_id,
// secure_*, server_hostname, manager, errors and the ha_* fields other than ha_id (observed);
// v4 has them.

import type { MatchMode } from './matcher';

export const SIM_ENDPOINT_ID = '52:54:00:d7:1b:01';

export function buildInfo(mode: MatchMode, apiPort: number, machineCount: number): Record<string, unknown> {
  const stats = [
    { name: 'machines.count', count: machineCount },
    { name: 'subnets.count', count: 0 },
  ];
  const features = ['api-v3', 'sane-exit-codes', 'job-exit-states', 'workflows', 'default-workflow', 'roles', 'tenants', 'secure-params', 'slim-objects'];
  if (mode === 'v3') {
    return {
      arch: 'amd64', os: 'linux', version: 'v3.13.3', id: SIM_ENDPOINT_ID, ha_id: SIM_ENDPOINT_ID,
      api_port: apiPort, file_port: 8091, dhcp_port: 67, binl_port: 4011, tftp_port: 69,
      tftp_enabled: true, dhcp_enabled: false, binl_enabled: false, prov_enabled: true,
      address: '127.0.0.1', stats, features,
      scopes: {}, License: { Contact: '', Owner: '', Version: '', Licenses: [] },
    };
  }
  return {
    arch: 'amd64', os: 'linux', version: 'v4.8.0', id: SIM_ENDPOINT_ID, local_id: SIM_ENDPOINT_ID, ha_id: SIM_ENDPOINT_ID,
    api_port: apiPort, file_port: 8091, secure_file_port: 8090, dhcp_port: 67, binl_port: 4011, tftp_port: 69,
    tftp_enabled: true, dhcp_enabled: false, binl_enabled: false, prov_enabled: true, secure_prov_enabled: true,
    address: '127.0.0.1', server_hostname: 'drp-sim', manager: false, stats,
    features: [...features, 'endpoint-proxy', 'etags'],
    scopes: {}, License: { Contact: '', Owner: '', Version: '', Licenses: [] }, errors: [],
    ha_enabled: false, ha_is_active: true, ha_status: 'Up', ha_passive_state: [],
    ClusterState: { ConsensusID: '', ConsensusEnabled: false, ConsensusJoin: '', VirtInterface: '', VirtInterfaceScript: '', HaID: SIM_ENDPOINT_ID, Token: '', LoadBalanced: false, Nodes: [] },
  };
}
