/**
 * The coverage matrix over all services: a cell sums up its account-region's services (the most
 * urgent state first, how many services are in each state, each service's own state in its label),
 * and the matrix names each account beside its id. The services are any ids (from `app:info`).
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceInfo } from '../../../../contract/api';
import {
  buildAllServicesCoverage,
  type CoverageService,
  cellAt,
  summariseServices,
} from '../../../../renderer/src/pages/overview/coverage';
import { OverviewPage } from '../../../../renderer/src/pages/overview/OverviewPage';
import { administrator, invitation, serviceRow } from '../../../helpers/rows';
import { DEMO_SERVICE, demoAppInfo, demoSettings, error } from '../../support/demo-data';
import { renderWithApi } from '../../support/render';

const SH: CoverageService = { id: 'securityhub', name: 'Security Hub CSPM', noun: 'Security Hub' };
const GD: CoverageService = { id: 'guardduty', name: 'GuardDuty', noun: 'GuardDuty' };
const MACIE: CoverageService = { id: 'macie', name: 'Macie', noun: 'Macie' };

describe('a cell over all services', () => {
  it('puts the most urgent state first and counts the services in each state', () => {
    const cell = summariseServices([
      { service: SH, cell: { state: 'member', summary: 'member of 111111111111' } },
      { service: GD, cell: { state: 'pending', summary: 'pending from 111111111111' } },
      { service: MACIE, cell: { state: 'member', summary: 'member of 111111111111' } },
    ]);
    expect(cell).toEqual({
      state: 'pending',
      glyph: 'P M2',
      summary:
        'pending in 1 service, member in 2 services — Security Hub CSPM: member of 111111111111; GuardDuty: pending from 111111111111; Macie: member of 111111111111',
    });
  });

  it('builds one cell per account-region from every service, opening the most urgent service’s row', () => {
    const rows = [
      serviceRow('member', 'us-east-1', { accountId: '222222222222', administrators: [administrator('111111111111')] }),
      serviceRow('member', 'us-east-1', {
        service: 'guardduty',
        accountId: '222222222222',
        pendingInvitations: [invitation('111111111111', 'd-1')],
      }),
      // Another profile of the same account failed where the first read it: the read one counts.
      serviceRow('other-profile', 'us-east-1', {
        service: 'guardduty',
        accountId: '222222222222',
        state: 'error',
        error: error('access-denied', 'denied'),
      }),
      serviceRow('member', 'eu-west-1', { accountId: '222222222222', state: 'off' }),
    ];
    const coverage = buildAllServicesCoverage(rows, [SH, GD]);
    expect(coverage.regions).toEqual(['eu-west-1', 'us-east-1']);
    const [line] = coverage.lines;
    if (!line) throw new Error('one line expected');
    expect(line.label).toBe('222222222222');
    const east = cellAt(line, 'us-east-1');
    expect(east).toMatchObject({ state: 'pending', glyph: 'P M', profiles: ['member', 'other-profile'] });
    expect(east.row?.service).toBe('guardduty');
    expect(east.summary).toBe(
      'pending in 1 service, member in 1 service — Security Hub CSPM: member of 111111111111; GuardDuty: pending from 111111111111',
    );
    // GuardDuty was not read in eu-west-1: said so, after the state that was read.
    const west = cellAt(line, 'eu-west-1');
    expect(west).toMatchObject({ state: 'off', glyph: 'O' });
    expect(west.summary).toBe(
      'off in 1 service, not read in 1 service — Security Hub CSPM: Security Hub off; GuardDuty: not read',
    );
  });
});

describe('the matrix’s All services choice', () => {
  // jsdom lays nothing out: the virtualised grid draws its lines only in a scroller with a size.
  const sizes = ['clientHeight', 'clientWidth', 'offsetHeight', 'offsetWidth'] as const;
  beforeEach(() => {
    for (const size of sizes)
      Object.defineProperty(HTMLElement.prototype, size, { configurable: true, get: () => 600 });
  });
  afterEach(() => {
    for (const size of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[size];
  });
  const GD_INFO: ServiceInfo = { ...DEMO_SERVICE, id: 'guardduty', name: 'GuardDuty', shortName: 'GuardDuty' };
  const rows = [
    serviceRow('member-pending', 'us-east-1', {
      accountId: '222222222222',
      pendingInvitations: [invitation('111111111111', 'inv-1')],
    }),
    serviceRow('member-pending', 'us-east-1', {
      service: 'guardduty',
      accountId: '222222222222',
      administrators: [administrator('111111111111')],
    }),
  ];

  it('offers All services beside each service, sums up each cell and names the account', async () => {
    renderWithApi(<OverviewPage />, {
      state: {
        appInfo: { ...demoAppInfo(), services: [DEMO_SERVICE, GD_INFO] },
        settings: { ...demoSettings(), serviceMode: 'all' },
        cached: rows,
        rows,
      },
    });
    await screen.findByTestId('row-member-pending|us-east-1');
    fireEvent.click(within(screen.getByTestId('overview-view')).getByRole('button', { name: 'Coverage matrix' }));
    const picker = await screen.findByTestId('coverage-service');
    fireEvent.click(within(picker).getByRole('button', { name: 'All services' }));
    const matrix = screen.getByTestId('coverage-matrix');
    expect(within(matrix).getByText('Coverage: All services')).toBeTruthy();
    const cell = within(matrix).getByRole('gridcell');
    expect(cell.getAttribute('data-state')).toBe('pending');
    expect(cell.textContent).toBe('P M');
    expect(cell.getAttribute('aria-label')).toBe(
      '222222222222 in us-east-1: pending in 1 service, member in 1 service — Security Hub CSPM: pending from 111111111111; GuardDuty: member of 111111111111; profiles member-pending; globex-pending',
    );
    expect(within(matrix).getByTestId('coverage-line-222222222222').textContent).toBe('222222222222 globex-pending');
    // Back to one service: its own cell.
    fireEvent.click(within(picker).getByRole('button', { name: 'GuardDuty' }));
    expect(within(matrix).getByRole('gridcell').getAttribute('data-state')).toBe('member');
  });
});
