export * from './config-history-bucket';
export * from './external-access-analyzer';
export * from './finding-alerts';
export * from './malware-protection';
export * from './posture-assessment';
export * from './sensitive-data-discovery';
export * from './threat-detection';
export * from './client-malware-scanning';
