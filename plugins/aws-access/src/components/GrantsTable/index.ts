export { GrantsTable, type GrantsTableProps } from './GrantsTable';
