import { join } from 'node:path';
import { hashLeaf } from '../../src/audit/merkle/hashing';
import { MemoryHashStore } from '../../src/audit/merkle/testing/memory-hash-store';
import {
  appendLeaf,
  consistencyProof,
  inclusionProof,
  treeRoot,
} from '../../src/audit/merkle/merkle-tree';
import { ProofVerificationError } from '../../src/audit/merkle/merkle.errors';
import { verifyConsistency } from '../../src/audit/merkle/verify-consistency';
import { verifyInclusion } from '../../src/audit/merkle/verify-inclusion';
import { base64, jsonFilesUnder, readJsonExact, TESTDATA_DIR } from './support/testdata';

/** RFC 6962 / 9162 vectors of transparency-dev/merkle, loaded from test/fixtures. */
const VECTORS = join(TESTDATA_DIR, 'rfc6962');

interface InclusionVector {
  leafIdx: bigint;
  treeSize: bigint;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: bigint;
  size2: bigint;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface EightLeaves {
  leafInputsHex: string[];
  rootHashesHexBySize: string[];
}

const inclusionFiles = jsonFilesUnder(join(VECTORS, 'inclusion'));
const consistencyFiles = jsonFilesUnder(join(VECTORS, 'consistency'));
const eightLeaves = readJsonExact(join(VECTORS, 'tree-8-leaves.json')) as EightLeaves;

function inclusionVector(file: string): InclusionVector {
  return readJsonExact(join(VECTORS, 'inclusion', file)) as InclusionVector;
}

function consistencyVector(file: string): ConsistencyVector {
  return readJsonExact(join(VECTORS, 'consistency', file)) as ConsistencyVector;
}

/** A tree of the first `size` leaves of tree-8-leaves.json, in a fresh store. */
async function eightLeafTree(size: number): Promise<MemoryHashStore> {
  const store = new MemoryHashStore();
  for (let i = 0; i < size; i++) {
    await appendLeaf(store, i, hashLeaf(Buffer.from(eightLeaves.leafInputsHex[i]!, 'hex')));
  }
  return store;
}

describe('RFC 6962 vectors (transparency-dev/merkle testdata)', () => {
  it('finds every vector file (98 inclusion, 98 consistency)', () => {
    expect(inclusionFiles).toHaveLength(98);
    expect(consistencyFiles).toHaveLength(98);
  });

  describe('verifyInclusion', () => {
    it.each(inclusionFiles)('%s', (file) => {
      const v = inclusionVector(file);
      const verify = (): void =>
        verifyInclusion(
          v.leafIdx,
          v.treeSize,
          base64(v.leafHash),
          (v.proof ?? []).map(base64),
          base64(v.root),
        );
      if (v.wantErr) expect(verify).toThrow(ProofVerificationError);
      else expect(verify).not.toThrow();
    });
  });

  describe('verifyConsistency', () => {
    it.each(consistencyFiles)('%s', (file) => {
      const v = consistencyVector(file);
      const verify = (): void =>
        verifyConsistency(
          v.size1,
          v.size2,
          (v.proof ?? []).map(base64),
          base64(v.root1),
          base64(v.root2),
        );
      if (v.wantErr) expect(verify).toThrow(ProofVerificationError);
      else expect(verify).not.toThrow();
    });
  });

  describe('tree-8-leaves.json', () => {
    it.each(eightLeaves.rootHashesHexBySize.map((root, size) => [size, root] as const))(
      'the tree of the first %i leaves has the listed root',
      async (size, root) => {
        const store = await eightLeafTree(8);
        expect((await treeRoot(store, size)).toString('hex')).toBe(root);
      },
    );
  });

  describe('generated proofs equal the vectors', () => {
    const happyInclusion = inclusionFiles
      .map((file) => [file, inclusionVector(file)] as const)
      .filter(([, v]) => !v.wantErr && v.treeSize <= 8n && v.root === rootBase64(v.treeSize));
    const happyConsistency = consistencyFiles
      .map((file) => [file, consistencyVector(file)] as const)
      .filter(
        ([, v]) => !v.wantErr && v.size2 <= 8n && v.root2 === rootBase64(v.size2) && v.size1 > 0n,
      );

    it('uses every happy path over the eight leaves', () => {
      expect(happyInclusion.map(([file]) => file)).toEqual([
        '0/happy-path.json',
        '1/happy-path.json',
        '2/happy-path.json',
        '3/happy-path.json',
        '4/happy-path.json',
      ]);
      expect(happyConsistency.map(([file]) => file)).toEqual([
        '0/happy-path.json',
        '1/happy-path.json',
        '2/happy-path.json',
        '3/happy-path.json',
        '4/happy-path.json',
      ]);
    });

    it.each(happyInclusion)('inclusion %s', async (_file, v) => {
      const store = await eightLeafTree(8);
      const index = Number(v.leafIdx);
      const size = Number(v.treeSize);
      expect(base64Of(await inclusionProof(store, index, size))).toEqual(v.proof ?? []);
      const leaf = await inclusionLeafHash(index);
      expect(leaf).toBe(v.leafHash);
    });

    it.each(happyConsistency)('consistency %s', async (_file, v) => {
      const store = await eightLeafTree(8);
      const proof = await consistencyProof(store, Number(v.size1), Number(v.size2));
      expect(base64Of(proof)).toEqual(v.proof ?? []);
      expect((await treeRoot(store, Number(v.size1))).toString('base64')).toBe(v.root1);
    });
  });
});

function rootBase64(size: bigint): string | undefined {
  const hex = eightLeaves.rootHashesHexBySize[Number(size)];
  return hex === undefined ? undefined : Buffer.from(hex, 'hex').toString('base64');
}

function base64Of(hashes: readonly Buffer[]): string[] {
  return hashes.map((hash) => hash.toString('base64'));
}

async function inclusionLeafHash(index: number): Promise<string> {
  const store = await eightLeafTree(8);
  const [leaf] = await store.readNodes([{ level: 0, index }]);
  return Buffer.from(leaf!).toString('base64');
}
