/**
 * The Security Hub CSPM product catalogue of a region (DescribeProducts, all pages), read on demand
 * and kept for an hour: it is the same for every account in the region, and has more than a hundred
 * entries, so it is read once per region rather than once per profile.
 */
import type { ProductInfo } from '../../../domain/types';
import { type Context, describeProducts } from './reads';

const TTL_MS = 60 * 60 * 1000;

export interface ProductCatalogue {
  list(profile: string, region: string): Promise<ProductInfo[]>;
  clear(): void;
}

/** `openContext`: a Security Hub context of the profile and region for a one-off read. */
export function createProductCatalogue(
  openContext: (profile: string, region: string) => Promise<Context>,
  clock: () => Date,
): ProductCatalogue {
  const cache = new Map<string, { at: number; products: Promise<ProductInfo[]> }>();
  return {
    list(profile, region) {
      const now = clock().getTime();
      const hit = cache.get(region);
      if (hit && now - hit.at < TTL_MS) return hit.products;
      const products = openContext(profile, region).then((ctx) => describeProducts(ctx));
      cache.set(region, { at: now, products });
      // A failed read (denied for this profile, say) is not kept: another profile may succeed.
      products.catch(() => cache.delete(region));
      return products;
    },
    clear() {
      cache.clear();
    },
  };
}

export function findProduct(products: ProductInfo[], productArn: string): ProductInfo | null {
  return products.find((p) => p.productArn === productArn) ?? null;
}

/** Products that declare every one of the given integration types. */
export function withIntegrationTypes(products: ProductInfo[], types: string[]): ProductInfo[] {
  return products.filter((p) => types.every((t) => p.integrationTypes.includes(t)));
}
