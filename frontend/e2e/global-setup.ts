import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOT_DIR } from '../playwright.config';

export default function globalSetup() {
  fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  console.log(`Screenshots of every page go to ${SCREENSHOT_DIR}`);
  // The teardown: the backend's Redis namespace of this run goes away with it (cache, throttles,
  // Celery's queue and bindings, some of which never expire).
  return () => {
    execFileSync('bash', [path.join(import.meta.dirname, 'clean-redis.sh')], { stdio: 'inherit' });
  };
}
