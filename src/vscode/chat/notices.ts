import type { ErrorAction } from '../../core/llm/types';

export interface Notice {
  feature: 'explain' | 'refactor';
  level: 'info' | 'warning' | 'error';
  message: string;
  actions: ErrorAction[];
}

/**
 * The messages explain and refactor showed a person, newest last, so the log
 * and the integration tests can see exactly what a person was told (a
 * notification's text cannot be read back from the workbench).
 */
export class Notices {
  private readonly items: Notice[] = [];

  constructor(private readonly onNotice?: (n: Notice) => void) {}

  record(feature: Notice['feature'], level: Notice['level'], message: string, actions: ErrorAction[] = []): void {
    const n: Notice = { feature, level, message, actions };
    this.items.push(n);
    if (this.items.length > 50) this.items.shift();
    this.onNotice?.(n);
  }

  /** Every notice so far, oldest first. */
  all(): readonly Notice[] {
    return [...this.items];
  }
}
