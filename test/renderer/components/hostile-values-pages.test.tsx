/**
 * AWS values with bidi overrides and control characters on the window's other pages: the activity
 * log, the handshake’s steps and notice, the product catalogue, the profiles list, a profile’s page (its
 * buttons’ names too), the config file’s problems, the coverage matrix (its labels and
 * names for screen readers too) and every flash message show each mark as a visible escape, as the
 * command line does.
 */
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useEffect, useRef } from 'react';
import { describe, expect, it } from 'vitest';
import { Flashes, FlashProvider, useFlash } from '../../../renderer/src/components/flash';
import { ActivityPage } from '../../../renderer/src/pages/ActivityPage';
import { HandshakePage } from '../../../renderer/src/pages/HandshakePage';
import { IntegrationsPage } from '../../../renderer/src/pages/IntegrationsPage';
import { ConfigWarnings } from '../../../renderer/src/pages/overview/ConfigWarnings';
import { buildCoverage, cellAt, cellName, cellOf } from '../../../renderer/src/pages/overview/coverage';
import { ProfilesPage } from '../../../renderer/src/pages/ProfilesPage';
import { ProfilePage } from '../../../renderer/src/pages/profile/ProfilePage';
import { invitation } from '../../helpers/rows';
import { demoActivity, demoProducts, demoProfiles, snapshot } from '../support/demo-data';
import { renderWithApi } from '../support/render';

const RLO = '\u202e';
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the test.
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Every text and label in `element`, attributes included, for the raw-mark check. */
function allText(element: Element): string {
  const attributes = [...element.querySelectorAll('*')].flatMap((e) =>
    ['title', 'aria-label'].map((name) => e.getAttribute(name) ?? ''),
  );
  return `${element.textContent ?? ''} ${attributes.join(' ')}`;
}

/** Pushes one message with AWS's words in it, once. */
function PushHostileFlash() {
  const { push } = useFlash();
  const pushed = useRef(false);
  useEffect(() => {
    if (pushed.current) return;
    pushed.current = true;
    push({ type: 'warning', header: `Added 0 of 1: 1111${RLO}2222`, content: 'AWS said:\u001b[2J ok' });
  }, [push]);
  return null;
}

describe('hostile AWS values on the other pages', () => {
  it('the activity log', async () => {
    const [first, ...rest] = demoActivity();
    const hostile = {
      ...first!,
      profile: `prof${RLO}ile`,
      accountId: `2222${RLO}3333`,
      target: `1111${RLO}0000`,
      detail: `AWS said: ${RLO}evil\u001b[2J\nforged`,
    };
    renderWithApi(<ActivityPage />, { state: { activity: [hostile, ...rest] } });
    const cell = await screen.findByText('1111\\u202e0000');
    const row = cell.closest('tr') as HTMLElement;
    expect(row.textContent).toContain('prof\\u202eile');
    expect(row.textContent).toContain('2222\\u202e3333');
    expect(row.textContent).toContain('AWS said: \\u202eevil\\u001b[2J\\nforged');
    expect(allText(row)).not.toMatch(RAW);
  });

  it('the product catalogue', async () => {
    const [first, ...rest] = demoProducts();
    const hostile = {
      ...first!,
      productArn: `arn:aws:securityhub:us-east-1::product/ev${RLO}il/x`,
      productName: `Name${RLO}`,
      companyName: `Corp\u0085`,
      description: `Reads ${RLO}backwards`,
      categories: [`Cat${RLO}`],
      integrationTypes: [`TYPE${RLO}`],
    };
    renderWithApi(<IntegrationsPage />, { state: { products: [hostile, ...rest] } });
    const name = await screen.findByText('Name\\u202e');
    const row = name.closest('tr') as HTMLElement;
    for (const shown of ['Corp\\u0085', 'Reads \\u202ebackwards', 'Cat\\u202e', 'TYPE\\u202e', 'ev\\u202eil']) {
      expect(row.textContent).toContain(shown);
    }
    expect(allText(row)).not.toMatch(RAW);
  });

  it('the handshake’s steps and its notice', async () => {
    const message = `Refused by 9999${RLO}8888\u001b]8;;x`;
    const { client } = renderWithApi(<HandshakePage />, {
      state: { handshakeFailRegion: 'us-east-1', handshakeFailMessage: message },
    });
    await waitFor(() => expect(client.getQueryData(['profiles'])).toBeDefined());
    await waitFor(() => expect(client.getQueryData(['settings'])).toBeDefined());
    const body = createWrapper(document.body);
    const admin = body.findSelect('[data-testid="handshake-administrator"]')!;
    admin.openDropdown();
    admin.selectOptionByValue('admin');
    const member = body.findSelect('[data-testid="handshake-member"]')!;
    member.openDropdown();
    member.selectOptionByValue('member-pending');
    const regions = body.findMultiselect('[data-testid="handshake-regions"]')!;
    regions.openDropdown();
    regions.selectOptionByValue('us-east-1');
    const run = screen.getByTestId('handshake-run');
    await waitFor(() => expect(run.getAttribute('aria-disabled')).toBeNull());
    fireEvent.click(run);
    const steps = await screen.findByTestId('handshake-steps');
    await waitFor(() => expect(steps.textContent).toContain('Refused by 9999\\u202e8888\\u001b]8;;x'));
    expect(allText(steps)).not.toMatch(RAW);
  });

  it('the coverage matrix’s model: the cells’ summaries and names (the browser suite draws them)', () => {
    const line = buildCoverage([
      snapshot(`prof${RLO}ile`, 'us-east-1', {
        accountId: `2222${RLO}2222`,
        administrators: [{ accountId: `1111${RLO}1111`, invitationId: 'i', invitedAt: null, memberStatus: 'Enabled' }],
      }),
    ]).lines[0]!;
    const cell = cellAt(line, 'us-east-1');
    expect(cell.summary).toBe('member of 1111\\u202e1111');
    expect(cellName(line, 'us-east-1', cell)).toBe(
      '2222\\u202e2222 in us-east-1: member of 1111\\u202e1111; profiles prof\\u202eile',
    );
    const pending = cellOf(snapshot('p', 'us-east-1', { pendingInvitations: [invitation(`9999${RLO}8888`, 'inv-1')] }));
    expect(pending.summary).toBe('pending from 9999\\u202e8888');
  });

  it('flash messages', async () => {
    render(
      <FlashProvider>
        <PushHostileFlash />
        <Flashes />
      </FlashProvider>,
    );
    const flashes = await screen.findByTestId('flashes');
    await waitFor(() => expect(flashes.textContent).toContain('Added 0 of 1: 1111\\u202e2222'));
    expect(flashes.textContent).toContain('AWS said:\\u001b[2J ok');
    expect(allText(flashes)).not.toMatch(RAW);
  });

  it('the profiles list: a profile name and why it is not usable', async () => {
    const list = demoProfiles();
    const [first, ...rest] = list.profiles;
    const hostile = { ...first!, name: `ad${RLO}min`, usable: false, reason: `bad\u001b[2J${RLO}line` };
    renderWithApi(<ProfilesPage />, { state: { profiles: { ...list, profiles: [hostile, ...rest] } } });
    const name = await screen.findByText('ad\\u202emin');
    const row = name.closest('tr') as HTMLElement;
    expect(row.textContent).toContain('bad\\u001b[2J\\u202eline');
    expect(allText(row)).not.toMatch(RAW);
  });

  it('a profile’s page: its name, its account and an invitation’s buttons named for a screen reader', async () => {
    const list = demoProfiles();
    const name = `mem${RLO}ber`;
    const hostile = { ...list.profiles[1]!, name, sourceProfile: `src${RLO}` };
    const row = snapshot(name, 'us-east-1', {
      accountId: `2222${RLO}2222`,
      pendingInvitations: [invitation(`9999${RLO}8888`, 'inv-1')],
    });
    renderWithApi(<ProfilePage profile={name} />, {
      state: { profiles: { ...list, profiles: [hostile] }, cached: [row], rows: [row] },
    });
    const accept = await screen.findByRole('button', {
      name: 'Accept invitation from 9999\\u202e8888 for mem\\u202eber in us-east-1',
    });
    expect(accept).toBeDefined();
    const page = document.body;
    expect(page.textContent).toContain('mem\\u202eber');
    expect(page.textContent).toContain('src\\u202e');
    expect(allText(page)).not.toMatch(RAW);
  });

  it('the config file’s problems', () => {
    const { container } = render(
      <ConfigWarnings
        warnings={[{ file: `/home/u/.aws/con${RLO}fig`, line: 3, message: `Bad line: [pro${RLO}file\u0007]` }]}
      />,
    );
    expect(container.textContent).toContain('con\\u202efig:3');
    expect(container.textContent).toContain('Bad line: [pro\\u202efile\\u0007]');
    expect(allText(container)).not.toMatch(RAW);
  });
});
