/**
 * The meshifi composition function.
 *
 * @packageDocumentation
 */

export { MESHIFI_API_VERSION } from '@meshifi/common';
