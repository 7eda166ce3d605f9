import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { catalogRoutes } from '../../__testUtils__';
import { ActorLink } from './ActorLink';

describe('ActorLink', () => {
  it('links people and groups to their catalog pages', async () => {
    await renderInTestApp(
      <>
        <ActorLink actor="user:default/alice" />
        <ActorLink actor="group:default/team-data" />
      </>,
      { mountedRoutes: catalogRoutes },
    );
    expect(screen.getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(
      screen.getByRole('link', { name: 'group:team-data' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-data');
  });

  it('names automation in words, without a link', async () => {
    await renderInTestApp(
      <ul>
        <li>
          <ActorLink actor="system" />
        </li>
        <li>
          <ActorLink actor="service:scaffolder" />
        </li>
        <li>
          <ActorLink actor="auto" />
        </li>
      </ul>,
      { mountedRoutes: catalogRoutes },
    );
    expect(screen.getByText('aws-access (automatic)')).toBeInTheDocument();
    expect(screen.getByText('service:scaffolder')).toBeInTheDocument();
    expect(
      screen.getByText('automatic (no approval needed)'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
