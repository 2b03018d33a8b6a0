// Starts the calculator's runtime the moment this module runs, before the page's own script (app.mjs) has
// loaded: include it near the top of the calculator page as
//   <script type="module" async src="<site root>assets/calculator/prestart.mjs"></script>
// so that Pyodide downloads and starts while the rest of the page is still being parsed. app.mjs's
// createCalculator() then receives this very calculator (see prestartCalculator in client.mjs).
import { prestartCalculator } from "./client.mjs";

prestartCalculator({ siteRoot: new URL("../../", import.meta.url).href });
