import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { CertificatePage } from './pages/CertificatePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LessonPage } from './pages/LessonPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { RootLayout } from './RootLayout.tsx';

export function App() {
  return (
    <BrowserRouter basename={import.meta.env.BASE_URL}>
      <Routes>
        <Route element={<RootLayout />}>
          <Route index element={<HomePage />} />
          <Route path="lessons/:lessonId" element={<LessonPage />} />
          <Route path="certificate" element={<CertificatePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
