import './zodConfig.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ErrorBoundary } from './app/components/ErrorBoundary.tsx';
import './styles/index.css';

function CrashNotice() {
  return (
    <main className="crash">
      <h1>Something went wrong</h1>
      <p>
        The course hit an unexpected error. Reload the page to continue; your saved progress is not affected.
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fallback={() => <CrashNotice />}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
