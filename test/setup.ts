/**
 * Property tests run with a fixed fast-check seed by default, so CI is reproducible; set
 * FC_SEED=random to explore new inputs (and FC_SEED=<n> to replay a reported failure).
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261123 });
