import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { awsAccessApiRef } from '../api';

/** The IAM actions that apply to a resource, from `GET /actions`. */
export function useActions(resourceArn: string) {
  const api = useApi(awsAccessApiRef);
  return useAsync(
    async () => (await api.listActions(resourceArn)).items,
    [api, resourceArn],
  );
}
