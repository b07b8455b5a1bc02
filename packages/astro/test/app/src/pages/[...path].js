// The browser API (testkit/src/browser-app.ts), for the browser matrix and corsa check's agreement.
import { browserHandler } from '../../../../../testkit/src/browser-app.ts';

export const ALL = ({ request }) => browserHandler(request);
