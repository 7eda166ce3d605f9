import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { catalogRoutes, makeGrant } from '../../__testUtils__';
import { ApprovalProgress } from './ApprovalProgress';

describe('ApprovalProgress', () => {
  it('shows N of M, who approved and who may approve, as catalog links', async () => {
    await renderInTestApp(
      <ApprovalProgress
        grant={makeGrant({
          state: 'pending',
          requiredApprovals: 2,
          approvals: [
            {
              approver: 'user:default/alice',
              createdAt: new Date().toISOString(),
            },
          ],
          approverGroups: ['group:default/team-data'],
        })}
      />,
      { mountedRoutes: catalogRoutes },
    );

    expect(
      screen.getByText('Waiting for approval: 1 of 2'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Waiting for approval: 1 of 2' }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(screen.getByRole('link', { name: 'team-data' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-data',
    );
  });

  it('says only that it waits when the count is unknown', async () => {
    await renderInTestApp(
      <ApprovalProgress grant={makeGrant({ state: 'pending' })} dense />,
      { mountedRoutes: catalogRoutes },
    );
    expect(screen.getByText('Waiting for approval')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.queryByText(/Who may approve/)).not.toBeInTheDocument();
  });

  it('renders nothing once the grant is decided', async () => {
    await renderInTestApp(
      <ApprovalProgress
        grant={makeGrant({ state: 'active', requiredApprovals: 1 })}
      />,
      { mountedRoutes: catalogRoutes },
    );
    expect(screen.queryByText(/Waiting for approval/)).not.toBeInTheDocument();
  });
});
