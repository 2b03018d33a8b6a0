// Starts the calculator's runtime the moment this module runs, before the page's own script (app.mjs) has
// loaded: the theme (scripts/sitegen/theme/main.html) loads it async in the calculator page's <head>,
// so that Pyodide downloads and starts while the rest of the page is still being parsed. app.mjs's
// createCalculator() then receives this very calculator (see prestartCalculator in client.mjs).
import { prestartCalculator } from "./client.mjs";

// This module is the edition's copy: /assets/calculator/ (Chinese) or /en/assets/calculator/ (English); the
// runtime lives once, at the site root.
const toSiteRoot = new URL(import.meta.url).pathname.endsWith("/en/assets/calculator/prestart.mjs") ? "../../../" : "../../";
prestartCalculator({ siteRoot: new URL(toSiteRoot, import.meta.url).href });
