// Before anything is timed: every contender must answer every common case correctly
// under the same policy, or the comparison would be meaningless. (No timing here.)
import { describe, expect, it } from 'vitest';
import { CASES, type Case } from './cases.js';
import { CORE_CONTENDERS, HONO_CONTENDERS } from './contenders.js';
import { checkAnswer } from './harness.js';

const common = CASES.filter((c) => !c.id.startsWith('hostile'));

describe.each([...CORE_CONTENDERS.slice(1), ...HONO_CONTENDERS.slice(2)])('$name', (contender) => {
  it.each(common)('answers "$title" as the policy says', async (c: Case) => {
    const answer = contender.build(c.policy);
    expect(await checkAnswer(c, await answer(c.request))).toBeUndefined();
  });
});

it('Corsa refuses the hostile cases', async () => {
  for (const c of CASES.filter((x) => x.id.startsWith('hostile'))) {
    const answer = CORE_CONTENDERS[1]!.build(c.policy);
    expect(await checkAnswer(c, await answer(c.request))).toBeUndefined();
  }
});
