export { generateRegistry, type GenerateOptions, type GeneratedRegistry, type GeneratedServer, type PlantedPair } from './generate-registry';
export { PLANT_KINDS, type PlantKind } from './planting';
export { createRng, type Rng } from './prng';
export { writeRegistry } from './write-registry';
