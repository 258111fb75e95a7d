/**
 * The entry point of the production build (`npm start`, App Service): turns on Node's compile
 * cache where Node has one (22.1 and later), so a restart or a new instance reuses the machine code
 * of the last start instead of compiling the bundle again, then starts Voordeur. A separate file
 * because static imports would load the whole app before the cache is on.
 */
import module from 'node:module';

const compileCache = (module as { enableCompileCache?: (directory?: string) => unknown })
  .enableCompileCache;
compileCache?.();
await import('./index.js');
