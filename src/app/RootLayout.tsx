import { useEffect, useRef, type RefObject } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { pageSectionIds } from '../course/tableOfContents.ts';
import { Notices } from './components/Notices.tsx';
import { courseTitle } from './courseInfo.ts';

export function RootLayout() {
  const mainRef = useRef<HTMLElement>(null);
  useFocusMainOnNavigation(mainRef);

  return (
    <>
      <a className="skip-link" href={`#${pageSectionIds.main}`}>
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link className="site-title" to="/">
            {courseTitle}
          </Link>
          <nav aria-label="Main">
            <ul className="site-nav">
              <li>
                <NavLink to="/" end>
                  Lessons
                </NavLink>
              </li>
              <li>
                <NavLink to="/challenges">Challenges</NavLink>
              </li>
              <li>
                <NavLink to="/certificate">Certificate</NavLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <Notices />
      <main id={pageSectionIds.main} ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>Your progress is stored only in this browser. Simulations run entirely on your device.</p>
      </footer>
    </>
  );
}

/**
 * After moving to another page, start at the top and put keyboard and screen-reader focus on the new
 * content, as a full page load would. Links to a #section are left to the browser.
 */
function useFocusMainOnNavigation(mainRef: RefObject<HTMLElement | null>) {
  const { pathname, hash } = useLocation();
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    if (hash) return;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname, hash, mainRef]);
}
