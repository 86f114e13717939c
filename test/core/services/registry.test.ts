import { describe, expect, it } from 'vitest';
import { isServiceId, SERVICES, serviceIds, serviceInfos, serviceOf } from '../../../main/core/services/registry';
import { FIRST_SERVICE, SERVICE_ID_PATTERN } from '../../../main/domain/ids';
import { SERVICE_WRITES } from '../../../main/domain/services';
import { DEMO_SERVICE } from '../../renderer/support/demo-data';

describe('the service registry', () => {
  it('lists each service once, under an id the contract accepts, Security Hub CSPM first', () => {
    const ids = serviceIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(SERVICE_ID_PATTERN);
    expect(ids[0]).toBe(FIRST_SERVICE);
  });

  it('has every service name the operation of each write, and treat it as a write (never resent)', () => {
    for (const service of SERVICES) {
      for (const write of SERVICE_WRITES) {
        const operation = service.about.operations[write];
        expect(operation, `${service.about.id} ${write}`).toMatch(/^[A-Z][A-Za-z]+$/);
        expect(service.writeOperations.has(operation), `${service.about.id} ${operation}`).toBe(true);
      }
    }
  });

  it('has every service read in commercial AWS, its reference checked by its own schema', () => {
    for (const service of SERVICES) {
      expect(service.regions('aws').length).toBeGreaterThan(10);
      expect(service.invitationId.safeParse('').success).toBe(false);
      expect(service.member.maxAdministrators).toBe(service.about.maxAdministrators);
    }
  });

  it('answers no id with Security Hub CSPM and an unknown id as the caller’s mistake', () => {
    expect(serviceOf().about.id).toBe('securityhub');
    expect(isServiceId('nope')).toBe(false);
    let thrown: unknown;
    try {
      serviceOf('nope');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ appError: { kind: 'invalid-request' } });
  });

  it('describes Security Hub CSPM to the window as the renderer’s tests assume', () => {
    expect(serviceInfos()[0]).toEqual(DEMO_SERVICE);
  });
});
