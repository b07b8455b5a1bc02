/**
 * `@corsa/core/public-suffix-list`: the whole Public Suffix List (ICANN and private
 * sections, from tldts's data), for policies with a credentialed wildcard pattern such as
 * `origins: ['https://*.example.com'], credentials: true`. Import it once, at start-up,
 * before such a policy is created:
 *
 * ```ts
 * import '@corsa/core/public-suffix-list';
 * ```
 *
 * With it, a credentialed wildcard on or above any public suffix (`*.github.io`,
 * `*.amazonaws.com`) is refused; without it, every credentialed wildcard is refused with
 * an error that names this import. Adds about 44 KB min+gzip, only to apps that import it.
 */
import { isPublicSuffix, publicSuffixCoveredBy } from './public-suffix.js';
import { registerSuffixLookup } from './public-suffix-registry.js';

registerSuffixLookup(publicSuffixCoveredBy);

export { isPublicSuffix, publicSuffixCoveredBy };
