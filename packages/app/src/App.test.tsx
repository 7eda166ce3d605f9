import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('boots to the demo sign-in page, which offers each demo user', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    localStorage.clear();
    render(App.createRoot());

    // The demo's sign-in module replaced the default guest page.
    expect(
      await screen.findByText('Alice Admin (alice)', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as guest' }),
    ).toBeInTheDocument();
  });
});
