import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ErrorBoundary } from './app/components/ErrorBoundary.tsx';
import { registerServiceWorker } from './app/offline/serviceWorker.ts';
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

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary fallback={() => <CrashNotice />}>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}

// The LMS build (npm run build:lms) first resumes progress from the LMS that launched it; other builds omit it.
if (import.meta.env.MODE === 'lms')
  void import('./lms/index.ts').then(({ connectToLms }) => connectToLms(window)).finally(render);
else render();

// Offline use: the production build's service worker (the dev server has none, and LMS packages leave it out).
if (import.meta.env.PROD && import.meta.env.MODE !== 'lms')
  registerServiceWorker(`${import.meta.env.BASE_URL}sw.js`);
