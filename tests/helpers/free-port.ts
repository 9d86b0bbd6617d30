// The port helpers live with the scripts, which use them too; tests keep importing them from here.
export { freePort, listening } from '../../scripts/lib/free-port';
