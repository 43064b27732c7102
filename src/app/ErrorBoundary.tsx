import { Component, type ErrorInfo, type ReactNode } from 'react';
import { createLogger } from '../core/log';

const log = createLogger('app/error-boundary');

interface ErrorBoundaryState {
  error: Error | null;
}

/** Shows a failed page's error instead of a blank screen; stored data is untouched by such a failure. */
export class ErrorBoundary extends Component<{ children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    log.error('page failed to render', { error: error.message, stack: info.componentStack });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="notice error">
        <span>This page failed to render: {this.state.error.message}. Your datasets and runs are still stored.</span>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
