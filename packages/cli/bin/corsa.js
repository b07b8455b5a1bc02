#!/usr/bin/env node
// The file npm links as `corsa`. It is committed (dist/ is built) because npm links a bin only
// when its target exists at install time; the root `prepare` script builds dist/ right after.
import '../dist/bin.js';
