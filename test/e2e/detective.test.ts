/**
 * The built window's profile page for the demo's account in two Detective graphs (member-enabled in
 * us-east-1: a member of 111111111111's graph, invited to 666666666666's): each graph is shown with
 * its behavior graph ARN and a button of its own — Accept for the invitation, then, once accepted,
 * Disassociate for each membership, the one clicked leaving only its graph (DisassociateMembership
 * once, with that graph's ARN). Screenshots in light and dark go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { DEMO_MFA_CODES, finishRefreshAnsweringMfa, goTo } from './helpers';

const ADMIN = '111111111111';
const SANDBOX = '666666666666';
const ROW = 'member-enabled|us-east-1|detective';
const GRAPH_OF = (account: string) => new RegExp(`arn:aws:detective:us-east-1:${account}:graph:[0-9a-f]{32}`);
let h: Harness;

const detectiveCalls = (operation: string) =>
  h.emulator.requestLog().filter((e) => e.service === 'detective' && e.operation === operation);

describe('a Detective account in two behavior graphs', () => {
  beforeAll(async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
  }, 150_000);
  afterAll(async () => {
    await h?.close();
  });

  it('shows each graph with its ARN and a button each, and leaves only the graph chosen', async () => {
    const { page } = h;
    await goTo(page, 'profile/member-enabled?region=us-east-1');
    const panel = page.getByTestId('service-panel-detective-us-east-1');
    await panel.waitFor();
    const administrators = panel.getByTestId('admin-panel-us-east-1');
    expect(await administrators.textContent()).toMatch(GRAPH_OF(ADMIN));
    expect(await administrators.textContent()).toContain('Behavior graph ARN');
    const invitations = panel.getByTestId('invitations-us-east-1');
    expect(await invitations.textContent()).toMatch(GRAPH_OF(SANDBOX));
    expect(await invitations.getByRole('columnheader', { name: 'Behavior graph ARN' }).count()).toBe(1);

    // 666666666666 is not trusted: the window asks, then accepts that graph.
    await page.getByTestId(`accept-${ROW}|${SANDBOX}`).click();
    await page.getByTestId('confirm-modal').waitFor();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId(`disassociate-${ROW}|${SANDBOX}`).waitFor();
    expect(detectiveCalls('AcceptInvitation')).toHaveLength(1);
    expect(await administrators.textContent()).toMatch(/Administrators\s*\(2\)/);
    expect(await page.getByTestId(`disassociate-${ROW}|${ADMIN}`).count()).toBe(1);
    await page.mouse.move(1, 899);
    await h.screenshots('detective-two-graphs');

    await page.getByTestId(`disassociate-${ROW}|${SANDBOX}`).click();
    const modal = page.getByTestId('confirm-modal');
    await modal.waitFor();
    expect(await modal.textContent()).toMatch(GRAPH_OF(SANDBOX));
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId(`disassociate-${ROW}|${SANDBOX}`).waitFor({ state: 'detached' });
    const left = detectiveCalls('DisassociateMembership');
    expect(left).toHaveLength(1);
    expect(await administrators.textContent()).toMatch(GRAPH_OF(ADMIN));
    expect(await administrators.textContent()).not.toMatch(GRAPH_OF(SANDBOX));
  });
});
