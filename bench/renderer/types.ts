import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** A figure a module reports: a number, or a short note. */
export type Figures = Record<string, number | string>;

export interface BenchContext {
  page: Page;
  context: BrowserContext;
  cdp: CDPSession;
  /** Where the built renderer is served; bench pages live under `${baseUrl}/__bench/`. */
  baseUrl: string;
  /** Customers to generate (default 100,000; `--customers N`). */
  customers: number;
  /** Folder for screenshots, or null when not asked for (`--shots DIR`). */
  shotsDir: string | null;
  log(message: string): void;
}

/** One target line of the printed table. */
export interface Target {
  figure: string;
  /** Pass when the figure is at most this (after `relativeTo` is applied). */
  max: number;
  /** Compare `figure / relativeTo` instead of the figure itself (e.g. import vs raw IndexedDB). */
  relativeTo?: string;
  label: string;
}

/**
 * One bench module: `page` is a browser-side entry (bundled and served under /__bench/),
 * `run` drives it from Node. Modules run one after another in the same Chromium profile.
 */
export interface BenchModule {
  name: string;
  page: string;
  targets: Target[];
  /** Writes figures into `figures` as they come, so a later failure keeps the earlier ones. */
  run(ctx: BenchContext, figures: Figures): Promise<void>;
}
