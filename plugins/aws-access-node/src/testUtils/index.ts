export * from './motoServer';
export * from './motoIdentities';
