export * from './expectations';
export * from './intrinsics';
export * from './inventory';
export * from './plugin';
export * from './prove';
export * from './shapes';
export * from './simulate';
export * from './perimeter';
