import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IntegrationsPage } from '../../../renderer/src/pages/IntegrationsPage';
import { demoRows, error } from '../support/demo-data';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

const state = { cached: demoRows() };
const tableText = () => screen.getByTestId('products-table').textContent ?? '';

describe('Integrations', () => {
  it('loads products for the first usable profile and region, then lists them', async () => {
    const fake = createFakeApi(state);
    const release = fake.hold('listProducts');
    renderWithApi(<IntegrationsPage />, { fake });
    expect(await screen.findByText('Loading products')).toBeTruthy();
    expect(fake.callsOf('listProducts')).toEqual([{ profile: 'admin', region: 'eu-west-1' }]);
    release();
    await screen.findByText('Product 1');
    expect(tableText()).toContain('(30/30)');
  });

  it('filters by text, by integration type and by exact product ARN', async () => {
    renderWithApi(<IntegrationsPage />, { state });
    await screen.findByText('Product 1');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find products' }), { target: { value: 'Vendor 12' } });
    await waitFor(() => expect(tableText()).toContain('(1/30)'));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find products' }), { target: { value: '' } });

    const types = createWrapper(document.body).findMultiselect('[data-testid="integration-types"]')!;
    types.openDropdown();
    types.selectOptionByValue('UPDATE_FINDINGS_IN_SECURITY_HUB');
    await waitFor(() => expect(tableText()).toContain('(6/30)'));
    expect(tableText()).toContain('Product 5');
    expect(tableText()).not.toContain('Product 4Vendor');

    const arnInput = createWrapper(document.body).findInput('[data-testid="product-arn"]')!;
    arnInput.setInputValue('arn:aws:securityhub:us-east-1::product/vendor10/product10');
    await waitFor(() => expect(tableText()).toContain('(1/30)'));
    arnInput.setInputValue('arn:aws:securityhub:us-east-1::product/none/none');
    await waitFor(() => expect(screen.getByTestId('products-empty').textContent).toContain('No product has the ARN'));
  });

  it('opens allowed links through main and shows a copyable URL when main refuses', async () => {
    const { fake } = renderWithApi(<IntegrationsPage />, { state });
    await screen.findByText('Product 1');
    fireEvent.click(screen.getByRole('button', { name: 'Marketplace page of Product 1' }));
    await waitFor(() => expect(fake.callsOf('openExternal')).toHaveLength(1));
    expect(screen.queryByTestId('link-refused')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Activate Product 2' }));
    const refused = await screen.findByTestId('link-refused');
    expect(refused.textContent).toContain('https://vendor2.example.com/activate');
    fireEvent.click(screen.getByRole('button', { name: 'Copy https://vendor2.example.com/activate' }));
    await waitFor(() => expect(fake.callsOf('copyText')).toEqual([{ text: 'https://vendor2.example.com/activate' }]));
  });

  it('shows an empty catalogue', async () => {
    renderWithApi(<IntegrationsPage />, { state: { ...state, products: [] } });
    await waitFor(() => expect(screen.getByTestId('products-empty').textContent).toContain('No products match.'));
  });

  it('shows the error with its remediation', async () => {
    const fake = createFakeApi(state);
    fake.fail(
      'listProducts',
      error('access-denied', 'Not allowed to call DescribeProducts.', {
        remediation: 'Ask for securityhub:DescribeProducts.',
      }),
    );
    renderWithApi(<IntegrationsPage />, { fake });
    const alert = await screen.findByTestId('products-error');
    expect(alert.textContent).toContain('Not allowed to call DescribeProducts.');
    expect(alert.textContent).toContain('Ask for securityhub:DescribeProducts.');
  });

  it('keeps showing the previous products while they reload (stale)', async () => {
    const { fake, client } = renderWithApi(<IntegrationsPage />, { state });
    await screen.findByText('Product 1');
    const release = fake.hold('listProducts');
    void client.invalidateQueries({ queryKey: ['products'] });
    expect(await screen.findByText('Updating…')).toBeTruthy();
    expect(screen.getByText('Product 1')).toBeTruthy();
    release();
    await waitFor(() => expect(screen.queryByText('Updating…')).toBeNull());
  });

  it('shows each ARN whole, breakable only between its parts, with a copy button', async () => {
    const { fake } = renderWithApi(<IntegrationsPage />, { state });
    await screen.findByText('Product 1');
    const arn = 'arn:aws:securityhub:us-east-1::product/vendor1/product1';
    const code = [...screen.getByTestId('products-table').querySelectorAll('tbody code')].find(
      (c) => c.textContent === arn,
    ) as HTMLElement;
    expect(code).toBeTruthy();
    expect(code.closest('[title]')?.getAttribute('title')).toBe(arn);
    // Break opportunities only after ":" or "/", and "us-east-1" stays whole.
    const parts = [...code.querySelectorAll('span')].map((s) => s.textContent);
    expect(parts.join('')).toBe(arn);
    expect(parts).toContain('us-east-1::');
    for (const part of parts.slice(0, -1)) expect(part).toMatch(/[:/]$/);
    fireEvent.click(screen.getByRole('button', { name: 'Copy ARN of Product 1' }));
    await waitFor(() => expect(fake.callsOf('copyText')).toEqual([{ text: arn }]));
  });
});
