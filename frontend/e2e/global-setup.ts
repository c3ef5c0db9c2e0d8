import fs from 'node:fs';
import { SCREENSHOT_DIR } from '../playwright.config';

export default function globalSetup() {
  fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  console.log(`Screenshots of every page go to ${SCREENSHOT_DIR}`);
}
