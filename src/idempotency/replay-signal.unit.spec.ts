import type { FastifyReply } from 'fastify';
import { answerAs, IDEMPOTENT_REPLAYED_HEADER, saysReplayed } from './replay-signal';

function fakeReply(): { reply: FastifyReply; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const reply = {
    header(name: string, value: string) {
      headers[name] = value;
      return reply;
    },
  } as unknown as FastifyReply;
  return { reply, headers };
}

describe('the replay signal', () => {
  const receipt = { subjectId: 's', revision: 3, consistencyToken: '9', replayed: false };

  it('marks a replay in the header and the body', () => {
    const { reply, headers } = fakeReply();
    expect(answerAs(reply, receipt, true)).toEqual({ ...receipt, replayed: true });
    expect(headers).toEqual({ [IDEMPOTENT_REPLAYED_HEADER]: 'true' });
  });

  it('leaves the first answer without the header and with replayed: false', () => {
    const { reply, headers } = fakeReply();
    expect(answerAs(reply, { ...receipt, replayed: true }, false)).toEqual(receipt);
    expect(headers).toEqual({});
  });

  it('passes a body without a replayed member through, signalling by header alone', () => {
    const { reply, headers } = fakeReply();
    expect(answerAs(reply, ['a'], true)).toEqual(['a']);
    expect(headers[IDEMPOTENT_REPLAYED_HEADER]).toBe('true');
  });

  it('reads replayed: true from a receipt only', () => {
    expect(saysReplayed({ replayed: true })).toBe(true);
    expect(saysReplayed({ replayed: 'true' })).toBe(false);
    expect(saysReplayed(receipt)).toBe(false);
    expect(saysReplayed(null)).toBe(false);
    expect(saysReplayed([{ replayed: true }])).toBe(false);
  });
});
