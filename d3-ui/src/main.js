// The dashboard's entry point (bundled into app.js).
import { start } from './app.js';

start(window);
