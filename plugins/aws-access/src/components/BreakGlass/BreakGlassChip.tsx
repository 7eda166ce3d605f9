import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';

/** Marks a grant its requester approved themselves (break-glass). */
export function BreakGlassChip(props: { grant: Pick<Grant, 'breakGlass'> }) {
  if (!props.grant.breakGlass) {
    return null;
  }
  return (
    <Tooltip title="Self-approved in an emergency; approvers review it afterwards">
      <Chip
        label="Break-glass"
        size="small"
        color="secondary"
        data-testid="break-glass-chip"
        style={{ marginLeft: 8 }}
      />
    </Tooltip>
  );
}
