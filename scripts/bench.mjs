#!/usr/bin/env node
// `npm run bench`: the renderer benchmarks (bench/renderer/run.ts, TypeScript run through tsx).
// Modules are listed in bench/renderer/modules.ts; the last line printed is one JSON object.
import { tsImport } from 'tsx/esm/api';

await tsImport('../bench/renderer/run.ts', import.meta.url);
