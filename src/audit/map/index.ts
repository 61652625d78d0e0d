/**
 * The public face of src/audit/map: the verifiable map from each stream of a log to its head
 * (docs/adr/0047), which checkpoints are to commit to. Pure: no I/O, hashes through
 * src/audit/merkle's hashing.
 */
export { HeadsMap } from './heads-map';
export { headsMapRoot } from './heads-map-root';
export { keyPathOf } from './map-hashing';
export { MalformedMapInputError } from './map.errors';
export { decodeMapProof, verifyMapProof } from './map-proof';
export { encodeHeadValue, HEAD_VALUE_BYTES, type StreamHeadValue } from './stream-head-value';
export { headsMapLine, headsMapRootOf } from './heads-map-line';
