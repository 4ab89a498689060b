export { default as ClientResourceTagged } from './ClientResourceTagged';
export { default as StatefulResourceRetained } from './StatefulResourceRetained';
export { default as ClientDataInAllowedRegion } from './ClientDataInAllowedRegion';
