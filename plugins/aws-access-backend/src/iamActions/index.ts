export { IamDataActionCatalog } from './IamDataActionCatalog';
export type {
  ActionCatalog,
  PermissionStatement,
  ResolvedResource,
} from './types';
