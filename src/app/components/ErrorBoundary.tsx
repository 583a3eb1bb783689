import { Component, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  /** What to show instead of the children once they have failed; `retry` renders them again. */
  fallback: (retry: () => void, error: unknown) => ReactNode;
  children: ReactNode;
}

/** Keeps a failure (such as a lesson chunk that cannot be downloaded) from blanking the whole page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean; error: unknown }> {
  override state = { failed: false, error: undefined as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override render() {
    if (this.state.failed)
      return this.props.fallback(() => this.setState({ failed: false, error: undefined }), this.state.error);
    return this.props.children;
  }
}
