import { describe, expect, it } from 'vitest';
import { computeMeasures } from './index';

describe('anomaly measures', () => {
  it('names the checks a history fails, and counts them: write skew fails serializable only, 2PL fails none', () => {
    const [names, count] = computeMeasures({ scenario: 'isolation/write-skew' }, [
      { measure: 'failing-checks', at: 'end' },
      { measure: 'anomalies-found', at: 'end' },
    ]);
    expect(names).toMatchObject({ ok: true, value: 'serializable' });
    expect(count).toMatchObject({ ok: true, value: 1 });
    const [none, zero] = computeMeasures({ scenario: 'isolation/write-skew-serializable' }, [
      { measure: 'failing-checks', at: 'end' },
      { measure: 'anomalies-found', at: 'end' },
    ]);
    expect(none).toMatchObject({ ok: true, value: 'none' });
    expect(zero).toMatchObject({ ok: true, value: 0 });
  });
});
