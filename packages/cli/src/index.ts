/**
 * The meshifi command line. Run it as `npx meshifi <command>`; the program
 * is exported for tests and for tools that embed it.
 */
export { createProgram } from './program';
