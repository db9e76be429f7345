import { Alert } from 'antd';
import { Component, type ReactNode } from 'react';

/** One section failing (another feature's bug) must not take the whole archive down. */
export class SectionBoundary extends Component<{ children: ReactNode; message: (error: string) => string }, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.error) return <Alert type="warning" showIcon message={this.props.message(this.state.error)} />;
    return this.props.children;
  }
}
