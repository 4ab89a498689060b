export { default as ClientResourceTagged } from './ClientResourceTagged';
export { default as StatefulResourceRetained } from './StatefulResourceRetained';
