import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashLeaf } from '../merkle/hashing';
import {
  decodeMapProof,
  encodeHeadValue,
  HeadsMap,
  headsMapRoot,
  keyPathOf,
  MalformedMapInputError,
  verifyMapProof,
  type StreamHeadValue,
} from './index';

/** Thousands of 256-hash paths: bounded by CPU, slow on a shared machine, never by a clock. */
const HASHING_BOUND = 120_000;

const runs = { seed: Number(process.env.FC_SEED ?? 20261207), numRuns: 20 };

interface VectorEntry {
  readonly streamName: string;
  readonly leafIndex: number;
  readonly leafHash: string;
  readonly eventCount: number;
  readonly keyPath: string;
  readonly value: string;
}

/** Written by test/fixtures/heads-map/generate.py from docs/adr/0047 with Python's hashlib. */
const vectors = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/heads-map/vectors.json'), 'utf8'),
) as {
  emptyRoot: string;
  entries: VectorEntry[];
  root: string;
  proofs: { streamName: string; present: boolean; proof: string }[];
};

function headOf(entry: VectorEntry): StreamHeadValue {
  return {
    leafIndex: entry.leafIndex,
    leafHash: Buffer.from(entry.leafHash, 'hex'),
    eventCount: entry.eventCount,
  };
}

function vectorHeads(): Map<string, StreamHeadValue> {
  return new Map(vectors.entries.map((entry) => [entry.streamName, headOf(entry)]));
}

function head(seed: string, leafIndex: number, eventCount = 1): StreamHeadValue {
  return { leafIndex, leafHash: hashLeaf(Buffer.from(seed)), eventCount };
}

/** The head whose canonical bytes are `bytes` (the inverse of encodeHeadValue, for tests). */
function decodeHead(bytes: Buffer): StreamHeadValue {
  return {
    leafIndex: Number(bytes.readBigUInt64BE(0)),
    leafHash: bytes.subarray(8, 40),
    eventCount: Number(bytes.readBigUInt64BE(40)),
  };
}

function withBitFlipped(bytes: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[bit >> 3]! ^= 0x80 >> (bit & 7);
  return copy;
}

function bitsOf(bytes: Uint8Array): number[] {
  return Array.from({ length: bytes.length * 8 }, (_, bit) => bit);
}

describe('the heads map (docs/adr/0047)', () => {
  describe('golden vectors computed with Python hashlib', () => {
    it('the empty map has the empty root', () => {
      expect(new HeadsMap().root().toString('hex')).toBe(vectors.emptyRoot);
      expect(headsMapRoot(new Map()).toString('hex')).toBe(vectors.emptyRoot);
    });

    it('encodes key paths and heads, and computes the root, as the vectors do', () => {
      for (const entry of vectors.entries) {
        expect(keyPathOf(entry.streamName).toString('hex')).toBe(entry.keyPath);
        expect(encodeHeadValue(headOf(entry)).toString('hex')).toBe(entry.value);
      }
      expect(headsMapRoot(vectorHeads()).toString('hex')).toBe(vectors.root);
      const map = new HeadsMap();
      for (const [streamName, value] of vectorHeads()) map.set(streamName, value);
      expect(map.root().toString('hex')).toBe(vectors.root);
    });

    it('produces the vectors’ proofs byte for byte, and they verify', () => {
      const map = new HeadsMap();
      const heads = vectorHeads();
      for (const [streamName, value] of heads) map.set(streamName, value);
      const root = Buffer.from(vectors.root, 'hex');
      for (const { streamName, present, proof } of vectors.proofs) {
        expect(map.prove(streamName).toString('hex')).toBe(proof);
        const value = present ? heads.get(streamName) : undefined;
        expect(verifyMapProof(root, streamName, value, Buffer.from(proof, 'hex'))).toBe(true);
      }
    });
  });

  describe('proofs', () => {
    const map = new HeadsMap();
    const heads = new Map<string, StreamHeadValue>();
    for (let i = 0; i < 40; i++) heads.set(`subject-${i}`, head(`s${i}`, 3 * i + 2, i + 1));
    for (const [streamName, value] of heads) map.set(streamName, value);
    const root = map.root();
    const present = 'subject-7';
    const value = heads.get(present)!;
    /** A present key with its head, and an absent key with no value. */
    const claims = [
      ['inclusion', present, value],
      ['non-inclusion', 'subject-absent', undefined],
    ] as const;

    it('stay small: a bitmap and about log2(n) hashes', () => {
      const proof = map.prove(present);
      expect(proof.length).toBeLessThanOrEqual(32 + 32 * 12);
      expect((proof.length - 32) % 32).toBe(0);
    });

    it('an inclusion proof verifies, and fails for another value, for absence, or another key', () => {
      const proof = map.prove(present);
      expect(verifyMapProof(root, present, value, proof)).toBe(true);
      expect(verifyMapProof(root, present, undefined, proof)).toBe(false);
      expect(verifyMapProof(root, 'subject-8', value, proof)).toBe(false);
      expect(verifyMapProof(root, present, { ...value, eventCount: 9 }, proof)).toBe(false);
    });

    it('a non-inclusion proof verifies for an absent key, and fails when a value is claimed', () => {
      const proof = map.prove('subject-absent');
      expect(verifyMapProof(root, 'subject-absent', undefined, proof)).toBe(true);
      expect(verifyMapProof(root, 'subject-absent', value, proof)).toBe(false);
      expect(verifyMapProof(root, present, undefined, proof)).toBe(false);
    });

    it.each(claims)(
      'every single-bit change of the proof fails (%s)',
      (_, streamName, claimed) => {
        const proof = map.prove(streamName);
        const accepted = bitsOf(proof).filter((bit) =>
          verifyMapProof(root, streamName, claimed, withBitFlipped(proof, bit)),
        );
        expect(accepted).toEqual([]);
      },
      HASHING_BOUND,
    );

    it.each(claims)(
      'every single-bit change of the key or the root fails (%s)',
      (_, name, claimed) => {
        const proof = map.prove(name);
        const key = Buffer.from(name, 'utf8');
        const keys = bitsOf(key).filter((bit) =>
          verifyMapProof(root, withBitFlipped(key, bit).toString('utf8'), claimed, proof),
        );
        const roots = bitsOf(root).filter((bit) =>
          verifyMapProof(withBitFlipped(root, bit), name, claimed, proof),
        );
        expect(keys).toEqual([]);
        expect(roots).toEqual([]);
      },
      HASHING_BOUND,
    );

    it('every single-bit change of the value fails', () => {
      const proof = map.prove(present);
      const encoded = encodeHeadValue(value);
      const accepted = bitsOf(encoded).filter((bit) =>
        verifyMapProof(root, present, decodeHead(withBitFlipped(encoded, bit)), proof),
      );
      expect(accepted).toEqual([]);
    });

    it('refuses non-canonical proofs: short, long, or carrying an empty sibling', () => {
      const proof = map.prove(present);
      expect(verifyMapProof(root, present, value, proof.subarray(0, proof.length - 1))).toBe(false);
      expect(verifyMapProof(root, present, value, Buffer.concat([proof, Buffer.of(0)]))).toBe(
        false,
      );
      expect(verifyMapProof(root, present, value, Buffer.alloc(0))).toBe(false);
      const allSet = Buffer.concat([Buffer.alloc(32, 0xff), ...decodeMapProof(proof)]);
      expect(verifyMapProof(root, present, value, allSet)).toBe(false);
    });
  });

  describe('the incremental root', () => {
    it(
      'equals a from-scratch computation over the same heads at 20 random sizes',
      () => {
        fc.assert(
          fc.property(
            fc.integer({ min: 0, max: 80 }),
            fc.array(fc.nat({ max: 100 }), { maxLength: 30 }),
            fc.array(fc.nat({ max: 100 }), { maxLength: 10 }),
            (streams, updates, removals) => {
              const map = new HeadsMap();
              const heads = new Map<string, StreamHeadValue>();
              const put = (name: string, value: StreamHeadValue | undefined): void => {
                map.set(name, value);
                if (value === undefined) heads.delete(name);
                else heads.set(name, value);
              };
              for (let i = 0; i < streams; i++) put(`stream-${i}`, head(`a${i}`, i));
              updates.forEach((n, i) => put(`stream-${n}`, head(`u${i}`, 1000 + i, 2)));
              for (const n of removals) put(`stream-${n}`, undefined);
              expect(map.root().equals(headsMapRoot(heads))).toBe(true);
              for (const name of [...heads.keys()].slice(0, 3)) {
                expect(verifyMapProof(map.root(), name, heads.get(name), map.prove(name))).toBe(
                  true,
                );
              }
            },
          ),
          runs,
        );
      },
      HASHING_BOUND,
    );
  });

  describe('head values', () => {
    it.each([
      ['a negative leaf index', { leafIndex: -1, eventCount: 1 }],
      ['no events', { leafIndex: 4, eventCount: 0 }],
      ['more events than leaves', { leafIndex: 4, eventCount: 6 }],
      ['an unsafe leaf index', { leafIndex: 2 ** 53, eventCount: 1 }],
    ])('refuses %s', (_, fields) => {
      expect(() => encodeHeadValue({ ...fields, leafHash: Buffer.alloc(32) })).toThrow(
        MalformedMapInputError,
      );
    });
  });
});
