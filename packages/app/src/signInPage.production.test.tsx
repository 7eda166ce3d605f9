import { render, screen } from '@testing-library/react';
import App from './App';

/** Renders the app as a browser would load it with this `app` config. */
function renderApp(app: object) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'Test', ...app },
          backend: { baseUrl: 'http://localhost:7007' },
        },
        context: 'test',
      },
    ] as any,
  };
  return render(App.createRoot());
}

describe('the sign-in page', () => {
  // An app reads its config once, so each case is a test file of its own.
  const env = process.env;
  afterEach(() => {
    process.env = env;
  });

  it('is gone with the extension setting app-config.production.yaml carries', async () => {
    renderApp({ extensions: [{ 'sign-in-page:app': false }] });

    // The app's own routes render (here: its not-found page for `/`), signed
    // in as nobody, instead of a sign-in page.
    expect(
      await screen.findByText(/page not found/i, {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Sign in as alice' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
  });
});
