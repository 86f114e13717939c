import { useCollection } from '@cloudscape-design/collection-hooks';
import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Multiselect, { type MultiselectProps } from '@cloudscape-design/components/multiselect';
import Pagination from '@cloudscape-design/components/pagination';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useMemo, useState } from 'react';
import type { ProductInfo } from '../../../contract/api';
import { FIRST_SERVICE } from '../../../main/domain/ids';
import { ArnText } from '../components/ArnText';
import { CopyButton } from '../components/CopyButton';
import { ErrorDetail } from '../components/ErrorDetail';
import { ExternalLink } from '../components/ExternalLink';
import { useProducts, useProfiles, useSettings } from '../data/queries';
import { useRows } from '../data/rows';
import { serviceLabel, useServices } from '../data/services';
import { asAppError } from '../lib/errors';
import { visible } from '../lib/visible';

// Kept here rather than imported from the contract: a value import would bundle zod into the page.
const TYPE_OPTIONS = [
  'SEND_FINDINGS_TO_SECURITY_HUB',
  'RECEIVE_FINDINGS_FROM_SECURITY_HUB',
  'UPDATE_FINDINGS_IN_SECURITY_HUB',
].map((value) => ({ value, label: value }));

/** Security Hub's product catalogue for a chosen profile and region. */
export function IntegrationsPage() {
  const profiles = useProfiles();
  const rows = useRows();
  const settings = useSettings().data;
  const usable = (profiles.data?.profiles ?? []).filter((p) => p.usable);
  const [profile, setProfile] = useState<string | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const [types, setTypes] = useState<readonly MultiselectProps.Option[]>([]);
  const [arn, setArn] = useState('');
  const chosenProfile = profile ?? usable[0]?.name ?? null;
  const regions = useMemo(() => {
    const fromRows = Object.values(rows.data ?? {})
      // The product catalogue is Security Hub CSPM's: the regions where it is on.
      .filter((r) => r.profile === chosenProfile && r.service === FIRST_SERVICE && r.state === 'on')
      .map((r) => r.region);
    return [...new Set(fromRows.length ? fromRows : (settings?.defaultRegions ?? []))].sort();
  }, [rows.data, chosenProfile, settings?.defaultRegions]);
  const chosenRegion = region && regions.includes(region) ? region : (regions[0] ?? null);
  const products = useProducts(chosenProfile, chosenRegion);

  const lookup = arn.trim();
  const exact = lookup ? products.data?.find((p) => p.productArn === lookup) : undefined;
  // The ARN box narrows to ARNs containing what is typed; an exact match is highlighted.
  const prefiltered = useMemo(() => {
    const wanted = types.map((t) => t.value ?? '');
    const arnPart = lookup.toLowerCase();
    return (products.data ?? []).filter(
      (p) =>
        (!arnPart || p.productArn.toLowerCase().includes(arnPart)) &&
        wanted.every((t) => p.integrationTypes.includes(t)),
    );
  }, [products.data, lookup, types]);
  const collection = useCollection(prefiltered, { filtering: {}, sorting: {}, pagination: { pageSize: 50 } });

  return (
    <SpaceBetween size="m">
      <Header
        variant="h1"
        description={`Products that send findings to, receive findings from or update findings in ${serviceLabel(useServices(), FIRST_SERVICE)}.`}
      >
        Integrations
      </Header>
      <SpaceBetween direction="horizontal" size="m">
        <FormField label="Profile">
          <Select
            selectedOption={chosenProfile ? { value: chosenProfile, label: chosenProfile } : null}
            options={usable.map((p) => ({ value: p.name, label: p.name }))}
            onChange={({ detail }) => setProfile(detail.selectedOption.value ?? null)}
            placeholder="Choose a profile"
            statusType={profiles.isPending ? 'loading' : 'finished'}
            data-testid="integrations-profile"
          />
        </FormField>
        <FormField label="Region">
          <Select
            selectedOption={chosenRegion ? { value: chosenRegion, label: chosenRegion } : null}
            options={regions.map((r) => ({ value: r, label: r }))}
            onChange={({ detail }) => setRegion(detail.selectedOption.value ?? null)}
            placeholder="Choose a region"
            data-testid="integrations-region"
          />
        </FormField>
      </SpaceBetween>
      {products.isError && (
        <Alert type="error" header="Could not list products" data-testid="products-error">
          <ErrorDetail error={asAppError(products.error)} />
        </Alert>
      )}
      <Table
        {...collection.collectionProps}
        items={collection.items}
        trackBy="productArn"
        wrapLines
        // Fixed, resizable widths: without them the browser squeezes the last column (Links) until
        // "Marketplace" breaks in two.
        resizableColumns
        ariaLabels={{ resizerRoleDescription: 'Resize button', resizerTooltipText: 'Drag or select to resize' }}
        loading={products.isPending && Boolean(chosenProfile && chosenRegion)}
        loadingText="Loading products"
        data-testid="products-table"
        header={
          <Header
            counter={`(${collection.filteredItemsCount ?? 0}/${products.data?.length ?? 0})`}
            description={products.isFetching && products.data ? 'Updating…' : undefined}
          >
            Products
          </Header>
        }
        filter={
          <SpaceBetween direction="horizontal" size="s">
            <TextFilter
              {...collection.filterProps}
              filteringPlaceholder="Find products"
              filteringAriaLabel="Find products"
            />
            <Multiselect
              selectedOptions={types}
              options={TYPE_OPTIONS}
              onChange={({ detail }) => setTypes(detail.selectedOptions)}
              placeholder="Integration types"
              ariaLabel="Filter by integration type"
              data-testid="integration-types"
            />
            <Input
              value={arn}
              onChange={({ detail }) => setArn(detail.value)}
              placeholder="Look up a product ARN"
              ariaLabel="Look up a product ARN"
              type="search"
              data-testid="product-arn"
            />
          </SpaceBetween>
        }
        empty={
          <Box textAlign="center" color="inherit" data-testid="products-empty">
            {profiles.isPending
              ? 'Loading profiles'
              : !chosenProfile
                ? 'No usable profile to list products with.'
                : lookup && !exact
                  ? `No product has the ARN ${visible(lookup)}.`
                  : 'No products match.'}
          </Box>
        }
        pagination={<Pagination {...collection.paginationProps} />}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Product',
            sortingField: 'productName',
            isRowHeader: true,
            width: 165,
            cell: (p) => (
              <SpaceBetween size="xxs">
                {exact === p ? (
                  <Badge color="green">{visible(p.productName)}</Badge>
                ) : (
                  <span>{visible(p.productName)}</span>
                )}
                <Box variant="small" color="text-body-secondary">
                  {visible(p.description)}
                </Box>
              </SpaceBetween>
            ),
          },
          {
            id: 'company',
            header: 'Company',
            sortingField: 'companyName',
            width: 130,
            cell: (p) => visible(p.companyName),
          },
          {
            id: 'categories',
            header: 'Categories',
            width: 120,
            cell: (p) => p.categories.map(visible).join(', ') || '-',
          },
          {
            id: 'types',
            header: 'Integration types',
            width: 265,
            cell: (p) => (
              <SpaceBetween size="xxs">
                {p.integrationTypes.map((t) => (
                  <Badge key={t}>{visible(t)}</Badge>
                ))}
              </SpaceBetween>
            ),
          },
          {
            id: 'arn',
            header: 'Product ARN',
            width: 312,
            // Breaks only between the ARN's parts; the copy button takes the whole ARN.
            cell: (p) => (
              <span>
                <ArnText arn={p.productArn} small />{' '}
                <CopyButton text={p.productArn} label={`Copy ARN of ${visible(p.productName)}`} />
              </span>
            ),
          },
          { id: 'links', header: 'Links', minWidth: 130, cell: (p) => <ProductLinks product={p} /> },
        ]}
      />
    </SpaceBetween>
  );
}

function ProductLinks({ product }: { product: ProductInfo }) {
  return (
    <SpaceBetween size="xxs">
      {product.marketplaceUrl && (
        <ExternalLink url={product.marketplaceUrl} label={`Marketplace page of ${visible(product.productName)}`}>
          Marketplace
        </ExternalLink>
      )}
      {product.activationUrl && (
        <ExternalLink url={product.activationUrl} label={`Activate ${visible(product.productName)}`}>
          Activate
        </ExternalLink>
      )}
      {!product.marketplaceUrl && !product.activationUrl && <span>-</span>}
    </SpaceBetween>
  );
}
