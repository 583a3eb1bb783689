import { lazy, Suspense } from 'react';
import { BrowserRouter, HashRouter, Route, Routes } from 'react-router-dom';
import { CertificatePage } from './pages/CertificatePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LessonPage } from './pages/LessonPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ReviewPage } from './pages/ReviewPage.tsx';
import { RootLayout } from './RootLayout.tsx';

/**
 * Inside an LMS package (npm run build:lms) the course lives at whatever path the LMS gives it, and the LMS serves
 * only the files, so pages are addressed after a # (index.html#/lessons/replication).
 */
/** The Challenges page reads every challenge's definition (and the engine's schemas): it loads on demand. */
const ChallengesPage = lazy(() => import('./pages/ChallengesPage.tsx'));

const Router = import.meta.env.MODE === 'lms' ? HashRouter : BrowserRouter;

export function App() {
  return (
    <Router basename={import.meta.env.MODE === 'lms' ? undefined : import.meta.env.BASE_URL}>
      <Routes>
        <Route element={<RootLayout />}>
          <Route index element={<HomePage />} />
          <Route path="lessons/:lessonId" element={<LessonPage />} />
          <Route path="certificate" element={<CertificatePage />} />
          <Route path="review" element={<ReviewPage />} />
          <Route
            path="challenges"
            element={
              <Suspense fallback={<p className="loading">Loading the challenges…</p>}>
                <ChallengesPage />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Router>
  );
}
