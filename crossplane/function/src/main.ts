import { serve } from '@crossplane-org/function-sdk-typescript';
import { runFunction } from './runFunction';

// Flags: --address, --insecure, --tls-server-certs-dir, --debug (see --help).
serve(runFunction, { name: 'function-meshifi' });
